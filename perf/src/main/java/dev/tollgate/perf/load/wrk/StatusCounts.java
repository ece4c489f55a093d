package dev.tollgate.perf.load.wrk;

import java.util.Map;

/**
 * Answers of one wrk run by status, plus the requests that got no answer.
 *
 * @param ok 2xx
 * @param tooMany 429 (rate limited)
 * @param unavailable 503 (a documented failure policy: Redis down under {@code deny}, a key never looked up)
 * @param otherServerErrors any other 5xx
 * @param other 1xx, 3xx and 4xx other than 429
 * @param timeouts requests wrk gave up on (its {@code --timeout}): hangs
 * @param socketErrors connect, read and write errors
 */
public record StatusCounts(long ok, long tooMany, long unavailable, long otherServerErrors, long other, long timeouts,
		long socketErrors) {

	/** A run that did not count statuses. */
	public static final StatusCounts NONE = new StatusCounts(0, 0, 0, 0, 0, 0, 0);

	static StatusCounts of(Map<String, Long> values) {
		return new StatusCounts(WrkResult.get(values, "s2xx"), WrkResult.get(values, "s429"),
				WrkResult.get(values, "s503"), WrkResult.get(values, "s5xx"), WrkResult.get(values, "sother"),
				WrkResult.get(values, "timeouts"), WrkResult.get(values, "socket"));
	}

	public StatusCounts plus(StatusCounts o) {
		return new StatusCounts(this.ok + o.ok, this.tooMany + o.tooMany, this.unavailable + o.unavailable,
				this.otherServerErrors + o.otherServerErrors, this.other + o.other, this.timeouts + o.timeouts,
				this.socketErrors + o.socketErrors);
	}

	public long total() {
		return this.ok + this.tooMany + this.unavailable + this.otherServerErrors + this.other + this.timeouts
				+ this.socketErrors;
	}

}
