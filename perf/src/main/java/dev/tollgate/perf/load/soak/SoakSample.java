package dev.tollgate.perf.load.soak;

import java.util.List;

import dev.tollgate.perf.load.wrk.StatusCounts;

/**
 * One interval of the soak run: what the callers got, and the gateway's memory at its end.
 *
 * @param index 1-based
 * @param fromSeconds interval start, seconds since the run started
 * @param toSeconds interval end (when memory was read)
 * @param bearer answers to bearer callers
 * @param apiKey answers to API-key callers
 * @param bearerP99Ms wrk's p99 for bearer callers
 * @param apiKeyP99Ms wrk's p99 for API-key callers
 * @param heapUsedMb heap used at the end (actuator), wherever in the GC cycle that falls
 * @param heapAfterGcMb heap after each collection during the interval (GC log), MB
 * @param rssMb resident set size at the end
 * @param loadAverage the machine's 1-minute load average at the end
 */
record SoakSample(int index, double fromSeconds, double toSeconds, StatusCounts bearer, StatusCounts apiKey,
		double bearerP99Ms, double apiKeyP99Ms, double heapUsedMb, List<Integer> heapAfterGcMb, double rssMb,
		double loadAverage) {

	SoakSample {
		heapAfterGcMb = List.copyOf(heapAfterGcMb);
	}

	/** The lowest heap after a collection in this interval; {@code NaN} when none ran. */
	double lowestHeapAfterGcMb() {
		return this.heapAfterGcMb.stream().mapToDouble(Integer::doubleValue).min().orElse(Double.NaN);
	}

	double midSeconds() {
		return (this.fromSeconds + this.toSeconds) / 2;
	}

	boolean overlaps(double from, double to) {
		return this.fromSeconds < to && from < this.toSeconds;
	}

	StatusCounts both() {
		return this.bearer.plus(this.apiKey);
	}

}
