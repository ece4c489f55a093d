package dev.tollgate.filters.ratelimit;

/**
 * What to do when the shared bucket store (Redis) is unreachable or slower than the configured budget. Every
 * fallback decision is counted in {@code tollgate.ratelimit.fallback}.
 */
public enum StoreFailurePolicy {

	/**
	 * Decide with per-instance buckets in memory, each limit divided by the configured instance count, so the
	 * cluster as a whole stays near the shared limit. Shared buckets are used again as soon as Redis answers.
	 */
	LOCAL,

	/** Let the request through without a limit (fail open). Counted, and logged at most once per interval. */
	ALLOW,

	/** Refuse the request with 503 and {@code Retry-After} (fail closed). */
	DENY;

	/** The lower-case name used in configuration and metric tags. */
	public String tag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
