package dev.tollgate.perf.load.report;

import dev.tollgate.perf.load.report.Measurement.Latency;

/** Test fixture: measurements with round numbers. */
final class Measurements {

	private Measurements() {
	}

	/** A 10-second run at {@code throughput} req/s with the given p99 (p50 = p99 / 2, p99.9 = 2 × p99). */
	static Measurement row(String system, int clients, double throughput, double p99Ms) {
		return new Measurement(system, clients, 1, (long) (throughput * 10), 10.0,
				new Latency(p99Ms / 2, p99Ms * 0.8, p99Ms, p99Ms * 2, p99Ms * 4), 0, throughput * 10 * 0.0002, 1.0,
				0.5, null);
	}

}
