package dev.tollgate.filters.ratelimit;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.ratelimit.store.Decision;
import dev.tollgate.filters.ratelimit.store.BucketSpec;
import dev.tollgate.filters.ratelimit.store.Limit;

import static org.assertj.core.api.Assertions.assertThat;

/** Field syntax of draft-ietf-httpapi-ratelimit-headers-10 §§ 3-4 (structured-field lists of items). */
class RateLimitHeadersTest {

	private final BucketSpec standard = new BucketSpec("standard", List.of(Limit.parse("100/1m")));

	private final BucketSpec burst = new BucketSpec("standard", List.of(Limit.parse("100/1m"), Limit.parse("20/1s")));

	@Test
	void ofWhenAllowedThenPolicyAndRemainingWithoutRetryAfter() {
		Map<String, String> headers = RateLimitHeaders.of(this.standard, new Decision(true, List.of(40L), 0));

		assertThat(headers).containsEntry("RateLimit-Policy", "\"standard\";q=100;w=60")
			// 60 missing units at 100 per 60 s are back in 36 s.
			.containsEntry("RateLimit", "\"standard\";r=40;t=36")
			.doesNotContainKey("Retry-After");
	}

	@Test
	void ofWhenRefusedThenRetryAfterInWholeSecondsRoundedUp() {
		Map<String, String> headers = RateLimitHeaders.of(this.standard,
				new Decision(false, List.of(0L), 1_200_000_000L));

		assertThat(headers).containsEntry("Retry-After", "2").containsEntry("RateLimit", "\"standard\";r=0;t=60");
	}

	@Test
	void ofWhenSeveralLimitsThenOneItemEachAndTheTightestReported() {
		Map<String, String> headers = RateLimitHeaders.of(this.burst, new Decision(true, List.of(90L, 3L), 0));

		assertThat(headers).containsEntry("RateLimit-Policy",
				"\"standard-1m\";q=100;w=60, \"standard-1s\";q=20;w=1")
			.containsEntry("RateLimit", "\"standard-1s\";r=3;t=1");
	}

	@Test
	void ofWhenFullThenResetIsZero() {
		Map<String, String> headers = RateLimitHeaders.of(this.standard, new Decision(true, List.of(100L), 0));

		assertThat(headers).containsEntry("RateLimit", "\"standard\";r=100;t=0");
	}

}
