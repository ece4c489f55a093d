package dev.tollgate.filters.ratelimit;

import java.util.Map;

import dev.tollgate.filters.ratelimit.store.Decision;
import dev.tollgate.filters.ratelimit.store.BucketSpec;

/**
 * The rate limiter's answer for one request.
 *
 * @param outcome allowed, limited, or unavailable (the {@code deny} failure policy)
 * @param spec the policy that decided (under the {@code local} failure policy: its per-instance share)
 * @param decision the bucket's decision, or {@code null} when no bucket decided ({@code allow}/{@code deny} fallback)
 * @param fallback the failure policy that applied, or {@code null} when the shared store decided
 * @param fallbackReason why the store was not used ({@code timeout}, {@code unavailable}, {@code error}), or
 * {@code null}
 */
public record Verdict(Outcome outcome, BucketSpec spec, Decision decision, StoreFailurePolicy fallback,
		String fallbackReason) {

	/** What happens to the request. */
	public enum Outcome {

		ALLOWED, LIMITED, UNAVAILABLE

	}

	static Verdict decided(BucketSpec spec, Decision decision) {
		return new Verdict(decision.allowed() ? Outcome.ALLOWED : Outcome.LIMITED, spec, decision, null, null);
	}

	static Verdict fallback(StoreFailurePolicy policy, String reason, BucketSpec spec, Decision decision) {
		Outcome outcome = switch (policy) {
			case LOCAL -> decision.allowed() ? Outcome.ALLOWED : Outcome.LIMITED;
			case ALLOW -> Outcome.ALLOWED;
			case DENY -> Outcome.UNAVAILABLE;
		};
		return new Verdict(outcome, spec, decision, policy, reason);
	}

	public boolean isFallback() {
		return this.fallback != null;
	}

	/**
	 * Headers for the response: {@code RateLimit-Policy} always, {@code RateLimit} when a bucket decided,
	 * {@code Retry-After} when it refused.
	 */
	public Map<String, String> headers() {
		if (this.decision != null) {
			return RateLimitHeaders.of(this.spec, this.decision);
		}
		return Map.of(RateLimitHeaders.POLICY, RateLimitHeaders.policyOf(this.spec));
	}

}
