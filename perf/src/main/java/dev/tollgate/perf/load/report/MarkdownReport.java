package dev.tollgate.perf.load.report;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Renders comparisons as one markdown table per client count, in the order the systems were run. */
public final class MarkdownReport {

	private MarkdownReport() {
	}

	public static String render(RunInfo info, List<Comparison> rows) {
		StringBuilder out = new StringBuilder();
		out.append("Commit `").append(info.gitCommit()).append(info.gitDirty() ? "` (with uncommitted changes)" : "`")
			.append(", ").append(info.machine().getOrDefault("cpus", "?")).append(" CPUs (")
			.append(info.machine().getOrDefault("cpuModel", "?")).append("), ")
			.append(info.settings().getOrDefault("concurrency", "?")).append(" connections, ")
			.append(info.settings().getOrDefault("duration", "?")).append(" per run after warm-up.\n");
		for (int clients : new TreeSet<>(rows.stream().map(c -> c.measurement().clients()).toList())) {
			out.append('\n').append("#### ").append(clients).append(clients == 1 ? " client" : " clients").append("\n\n");
			out.append("| system | inst | req/s | p50 ms | p99 ms | p99.9 ms | gateway CPU s/1k req | Redis CPU s/1k req "
					+ "| errors | vs bare | vs direct | vs Spring | p99 − bare ms |\n");
			out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
			for (Comparison c : rows) {
				if (c.measurement().clients() == clients) {
					out.append(row(c)).append('\n');
				}
			}
		}
		if (!info.notes().isEmpty()) {
			out.append('\n');
			info.notes().forEach(n -> out.append("- ").append(n).append('\n'));
		}
		return out.toString();
	}

	static String row(Comparison c) {
		Measurement m = c.measurement();
		if (!m.ok()) {
			return "| " + m.system() + " | " + m.instances() + " | not measured: " + m.failure().replace('|', '/')
					+ " |  |  |  |  |  |  |  |  |  |  |";
		}
		return "| " + m.system() + " | " + m.instances() + " | " + String.format(Locale.ROOT, "%,.0f", m.throughput())
				+ " | " + num(m.latency().p50(), 2) + " | " + num(m.latency().p99(), 2) + " | "
				+ num(m.latency().p999(), 2) + " | " + num(m.gatewayCpuPer1k(), 3) + " | " + num(m.redisCpuPer1k(), 3)
				+ " | " + errors(m) + " | " + percent(c.throughputVsBare()) + " | " + percent(c.throughputVsDirect())
				+ " | " + times(c.throughputVsSpring()) + " | " + signed(c.p99MinusBareMs()) + " |";
	}

	static String num(double value, int decimals) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	static String percent(double ratio) {
		return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.0f%%", ratio * 100);
	}

	static String times(double ratio) {
		return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f×", ratio);
	}

	static String signed(double value) {
		return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%+.2f", value);
	}

	private static String errors(Measurement m) {
		if (m.errors() == 0) {
			return "0";
		}
		return String.format(Locale.ROOT, "%d (%.2f%%)", m.errors(), m.errorRate() * 100);
	}

}
