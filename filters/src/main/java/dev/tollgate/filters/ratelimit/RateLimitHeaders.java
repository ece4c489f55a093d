package dev.tollgate.filters.ratelimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tollgate.filters.ratelimit.store.BucketSpec;
import dev.tollgate.filters.ratelimit.store.Decision;
import dev.tollgate.filters.ratelimit.store.Limit;

/**
 * Renders the {@code RateLimit-Policy} and {@code RateLimit} fields of the IETF draft "RateLimit header fields for
 * HTTP" (draft-ietf-httpapi-ratelimit-headers-10, structured-field lists), plus {@code Retry-After} (RFC 9110
 * §10.2.3) on refusals. Example for a policy {@code standard} of one limit {@code 100/1m}:
 *
 * <pre>
 * RateLimit-Policy: "standard";q=100;w=60
 * RateLimit: "standard";r=42;t=35
 * </pre>
 *
 * A policy with several limits lists one item per limit, named {@code <policy>-<window>} (e.g.
 * {@code "standard-1m"}, {@code "standard-1s"}); {@code RateLimit} reports the limit closest to exhaustion. {@code t}
 * is the number of seconds until that limit's quota is whole again (buckets refill continuously).
 */
public final class RateLimitHeaders {

	public static final String POLICY = "RateLimit-Policy";

	public static final String RATE_LIMIT = "RateLimit";

	public static final String RETRY_AFTER = "Retry-After";

	/** Rendered policy headers; policies are few and fixed at startup, client overrides included. */
	private static final Map<BucketSpec, String> POLICIES = new ConcurrentHashMap<>();

	private RateLimitHeaders() {
	}

	/** {@code RateLimit-Policy} and {@code RateLimit}, plus {@code Retry-After} when the decision refused. */
	public static Map<String, String> of(BucketSpec spec, Decision decision) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(POLICY, policyOf(spec));
		headers.put(RATE_LIMIT, rateLimit(spec, decision));
		if (!decision.allowed()) {
			headers.put(RETRY_AFTER, Long.toString(Math.max(1, ceilSeconds(decision.retryAfterNanos()))));
		}
		return headers;
	}

	/** The {@code RateLimit-Policy} value of a policy, rendered once: the same on every response of that policy. */
	static String policyOf(BucketSpec spec) {
		return POLICIES.computeIfAbsent(spec, RateLimitHeaders::policy);
	}

	/** The {@code RateLimit-Policy} value: one item per limit of the policy. */
	public static String policy(BucketSpec spec) {
		StringBuilder sb = new StringBuilder(48);
		List<Limit> limits = spec.limits();
		for (int i = 0; i < limits.size(); i++) {
			Limit limit = limits.get(i);
			if (i > 0) {
				sb.append(", ");
			}
			sb.append('"').append(itemName(spec, limit)).append("\";q=").append(limit.capacity())
				.append(";w=").append(limit.windowSeconds());
		}
		return sb.toString();
	}

	private static String rateLimit(BucketSpec spec, Decision decision) {
		List<Limit> limits = spec.limits();
		int tightest = 0;
		long tightestReset = -1;
		for (int i = 0; i < limits.size(); i++) {
			long reset = secondsUntilWhole(limits.get(i), decision.remaining().get(i));
			long remaining = decision.remaining().get(i);
			long best = decision.remaining().get(tightest);
			if (remaining < best || (remaining == best && reset > tightestReset)) {
				tightest = i;
				tightestReset = reset;
			}
		}
		Limit limit = limits.get(tightest);
		return "\"" + itemName(spec, limit) + "\";r=" + decision.remaining().get(tightest) + ";t="
				+ secondsUntilWhole(limit, decision.remaining().get(tightest));
	}

	private static String itemName(BucketSpec spec, Limit limit) {
		return (spec.limits().size() == 1) ? spec.name() : spec.name() + "-" + windowLabel(limit.windowSeconds());
	}

	private static String windowLabel(long seconds) {
		if (seconds % 86_400 == 0) {
			return seconds / 86_400 + "d";
		}
		if (seconds % 3_600 == 0) {
			return seconds / 3_600 + "h";
		}
		if (seconds % 60 == 0) {
			return seconds / 60 + "m";
		}
		return seconds + "s";
	}

	/** Continuous refill: the missing units come back at capacity / window. */
	private static long secondsUntilWhole(Limit limit, long remaining) {
		long missing = Math.max(0, limit.capacity() - remaining);
		return ceilSeconds((long) Math.ceil(missing * limit.nanosPerToken()));
	}

	static long ceilSeconds(long nanos) {
		if (nanos <= 0) {
			return 0;
		}
		return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
	}

}
