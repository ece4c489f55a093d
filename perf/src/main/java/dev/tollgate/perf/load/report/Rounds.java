package dev.tollgate.perf.load.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Folds repeated rounds of the same (system, client count) into one row: the round with the median throughput, whole
 * (its latencies and CPU belong to the same minute). On a shared machine one disturbed minute can move a single
 * measurement by tens of percent; the median of interleaved rounds is what the ratios are taken from.
 */
public final class Rounds {

	private Rounds() {
	}

	/** One row per (system, client count), in order of first appearance: the median round. */
	public static List<Measurement> medians(List<Measurement> measured) {
		List<Measurement> medians = new ArrayList<>();
		for (List<Measurement> rounds : group(measured).values()) {
			List<Measurement> ok = rounds.stream()
				.filter(Measurement::ok)
				.sorted(Comparator.comparingDouble(Measurement::throughput))
				.toList();
			medians.add(ok.isEmpty() ? rounds.get(0) : ok.get((ok.size() - 1) / 2));
		}
		return medians;
	}

	/**
	 * A note per (system, client count) measured more than once: the throughput of every round and, for gateways
	 * other than {@code bare}, the throughput ratio and the p99 difference to {@code bare} in the same round.
	 */
	public static List<String> spread(List<Measurement> measured) {
		Map<String, List<Measurement>> groups = group(measured);
		List<String> notes = new ArrayList<>();
		groups.forEach((key, rounds) -> {
			if (rounds.size() < 2) {
				return;
			}
			Measurement first = rounds.get(0);
			StringBuilder note = new StringBuilder(String.format(Locale.ROOT, "%s, %d clients, %d rounds: req/s ",
					first.system(), first.clients(), rounds.size()));
			note.append(join(rounds.stream().map(m -> m.ok() ? String.format(Locale.ROOT, "%,.0f", m.throughput())
					: "failed").toList()));
			List<Measurement> bare = groups.get(key("bare", first.clients()));
			if (bare != null && !"bare".equals(first.system()) && !"direct".equals(first.system())) {
				List<String> ratios = new ArrayList<>();
				List<String> p99s = new ArrayList<>();
				for (int i = 0; i < Math.min(rounds.size(), bare.size()); i++) {
					Measurement m = rounds.get(i);
					Measurement b = bare.get(i);
					boolean both = m.ok() && b.ok();
					ratios.add(both ? String.format(Locale.ROOT, "%.0f%%", 100 * m.throughput() / b.throughput()) : "–");
					p99s.add(both ? String.format(Locale.ROOT, "%+.2f", m.latency().p99() - b.latency().p99()) : "–");
				}
				note.append("; vs bare in the same round ").append(join(ratios));
				note.append("; p99 − bare's in the same round ").append(join(p99s)).append(" ms");
			}
			notes.add(note.append(" (the median round is reported)").toString());
		});
		return notes;
	}

	private static Map<String, List<Measurement>> group(List<Measurement> measured) {
		Map<String, List<Measurement>> groups = new LinkedHashMap<>();
		for (Measurement m : measured) {
			groups.computeIfAbsent(key(m.system(), m.clients()), k -> new ArrayList<>()).add(m);
		}
		return groups;
	}

	private static String key(String system, int clients) {
		return system + "\u0000" + clients;
	}

	private static String join(List<String> values) {
		return String.join(" · ", values);
	}

}
