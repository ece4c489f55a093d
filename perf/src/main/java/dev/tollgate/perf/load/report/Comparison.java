package dev.tollgate.perf.load.report;

import java.util.List;
import java.util.Optional;

/**
 * A measurement next to the references of the same client count: the ratios the targets are stated in.
 *
 * @param measurement the row
 * @param throughputVsBare throughput divided by bare Spring Cloud Gateway's ({@code NaN} without a bare row)
 * @param throughputVsDirect throughput divided by the direct (no gateway) run's
 * @param throughputVsSpring throughput divided by the Spring built-ins baseline's
 * @param p99MinusBareMs p99 latency minus bare Spring Cloud Gateway's p99, in milliseconds
 */
public record Comparison(Measurement measurement, double throughputVsBare, double throughputVsDirect,
		double throughputVsSpring, double p99MinusBareMs) {

	/** Reference system ids. */
	public static final String DIRECT = "direct";

	public static final String BARE = "bare";

	public static final String SPRING = "spring-builtins";

	/** Compares every row with the references measured at the same client count (and a single instance). */
	public static List<Comparison> of(List<Measurement> rows) {
		return rows.stream().map(m -> compare(m, rows)).toList();
	}

	static Comparison compare(Measurement m, List<Measurement> rows) {
		Optional<Measurement> bare = reference(BARE, m.clients(), rows);
		Optional<Measurement> direct = reference(DIRECT, m.clients(), rows);
		Optional<Measurement> spring = reference(SPRING, m.clients(), rows);
		return new Comparison(m, ratio(m, bare), ratio(m, direct), ratio(m, spring),
				(m.ok() && bare.isPresent()) ? m.latency().p99() - bare.get().latency().p99() : Double.NaN);
	}

	/** {@code a / b} of throughputs; {@code NaN} when either side is missing, failed or zero. */
	static double ratio(Measurement m, Optional<Measurement> reference) {
		if (!m.ok() || reference.isEmpty() || reference.get().throughput() <= 0) {
			return Double.NaN;
		}
		return m.throughput() / reference.get().throughput();
	}

	private static Optional<Measurement> reference(String system, int clients, List<Measurement> rows) {
		return rows.stream().filter(r -> r.ok() && r.system().equals(system) && r.clients() == clients).findFirst();
	}

}
