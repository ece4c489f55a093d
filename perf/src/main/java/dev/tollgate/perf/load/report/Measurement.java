package dev.tollgate.perf.load.report;

import java.util.Objects;

/**
 * One measured run of one system at one client count: what the load generator saw and what the processes spent.
 *
 * @param system system id, e.g. {@code bare}
 * @param clients distinct client credentials the load rotated through
 * @param instances gateway processes sharing the load
 * @param requests completed requests (any status)
 * @param seconds measured wall-clock duration
 * @param latency latency percentiles in milliseconds
 * @param errors non-2xx/3xx answers plus socket errors and timeouts
 * @param gatewayCpuSeconds user+system CPU of the gateway process(es) during the run; {@code NaN} when there is none
 * @param upstreamCpuSeconds CPU of the upstream process during the run
 * @param redisCpuSeconds CPU of redis-server during the run; {@code NaN} when Redis is not ours to measure
 * @param failure why the system could not be measured, or {@code null}
 */
public record Measurement(String system, int clients, int instances, long requests, double seconds,
		Latency latency, long errors, double gatewayCpuSeconds, double upstreamCpuSeconds, double redisCpuSeconds,
		String failure) {

	public Measurement {
		Objects.requireNonNull(system, "system");
		Objects.requireNonNull(latency, "latency");
	}

	/** A system that could not be measured (did not start, or answered the smoke request wrongly). */
	public static Measurement failed(String system, int clients, int instances, String failure) {
		return new Measurement(system, clients, instances, 0, 0, Latency.NONE, 0, Double.NaN, Double.NaN, Double.NaN,
				failure);
	}

	public boolean ok() {
		return this.failure == null;
	}

	/** Completed requests per second. */
	public double throughput() {
		return (this.seconds > 0) ? this.requests / this.seconds : 0;
	}

	/** CPU seconds the gateway spent per 1,000 requests. */
	public double gatewayCpuPer1k() {
		return perThousand(this.gatewayCpuSeconds);
	}

	public double upstreamCpuPer1k() {
		return perThousand(this.upstreamCpuSeconds);
	}

	public double redisCpuPer1k() {
		return perThousand(this.redisCpuSeconds);
	}

	/** Fraction of requests that failed. */
	public double errorRate() {
		return (this.requests > 0) ? (double) this.errors / this.requests : 0;
	}

	private double perThousand(double cpuSeconds) {
		return (this.requests > 0 && !Double.isNaN(cpuSeconds)) ? cpuSeconds * 1000.0 / this.requests : Double.NaN;
	}

	/** Latency percentiles in milliseconds. */
	public record Latency(double p50, double p90, double p99, double p999, double max) {

		public static final Latency NONE = new Latency(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

		/** From microseconds, as wrk reports them. */
		public static Latency ofMicros(double p50, double p90, double p99, double p999, double max) {
			return new Latency(p50 / 1000.0, p90 / 1000.0, p99 / 1000.0, p999 / 1000.0, max / 1000.0);
		}

	}

}
