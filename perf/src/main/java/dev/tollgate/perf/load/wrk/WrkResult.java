package dev.tollgate.perf.load.wrk;

import java.util.HashMap;
import java.util.Map;

import dev.tollgate.perf.load.report.Measurement.Latency;

/**
 * What wrk measured in one run, parsed from the {@code TOLLGATE_WRK key=value ...} line our Lua script prints;
 * {@code linesPerThread} is how far the busiest thread walked its share of the credentials file, so the next run
 * starts past every line used (DPoP proofs are single-use).
 *
 * @param requests completed requests
 * @param seconds measured duration
 * @param latency percentiles (ms)
 * @param errors non-2xx/3xx statuses plus connect, read, write errors and timeouts
 * @param statuses answers by status, when the run counted them ({@link Wrk#paced}); else {@link StatusCounts#NONE}
 */
public record WrkResult(long requests, double seconds, Latency latency, long errors, StatusCounts statuses,
		long linesPerThread) {

	static final String MARKER = "TOLLGATE_WRK ";

	static final String STATUS_MARKER = "TOLLGATE_WRK_STATUS ";

	/** Finds and parses the result line (and the status line, if any) in wrk's output. */
	public static WrkResult parse(String output) {
		StatusCounts statuses = StatusCounts.NONE;
		WrkResult result = null;
		for (String line : output.split("\\R")) {
			if (line.startsWith(STATUS_MARKER)) {
				statuses = StatusCounts.of(values(line.substring(STATUS_MARKER.length())));
			}
			else if (line.startsWith(MARKER)) {
				result = parseLine(line.substring(MARKER.length()));
			}
		}
		if (result == null) {
			throw new IllegalArgumentException("wrk printed no " + MARKER.trim() + " line (did the script run?)");
		}
		return new WrkResult(result.requests, result.seconds, result.latency, result.errors, statuses,
				result.linesPerThread);
	}

	static WrkResult parseLine(String line) {
		Map<String, Long> values = values(line);
		long errors = get(values, "err_connect") + get(values, "err_read") + get(values, "err_write")
				+ get(values, "err_status") + get(values, "err_timeout");
		Latency latency = Latency.ofMicros(get(values, "p50_us"), get(values, "p90_us"), get(values, "p99_us"),
				get(values, "p999_us"), get(values, "max_us"));
		long requests = get(values, "requests");
		// Lines of the credentials file the busiest thread took (requests sent, answered or not); older scripts: all.
		long lines = values.getOrDefault("lines_max", requests);
		return new WrkResult(requests, get(values, "duration_us") / 1_000_000.0, latency, errors, StatusCounts.NONE,
				lines);
	}

	static Map<String, Long> values(String line) {
		Map<String, Long> values = new HashMap<>();
		for (String pair : line.trim().split("\\s+")) {
			int eq = pair.indexOf('=');
			if (eq <= 0) {
				throw new IllegalArgumentException("malformed wrk result field: " + pair);
			}
			values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
		}
		return values;
	}

	static long get(Map<String, Long> values, String key) {
		Long value = values.get(key);
		if (value == null) {
			throw new IllegalArgumentException("wrk result lacks " + key);
		}
		return value;
	}

}
