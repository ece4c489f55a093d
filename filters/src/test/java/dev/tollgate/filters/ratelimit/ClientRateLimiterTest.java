package dev.tollgate.filters.ratelimit;

import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.ratelimit.store.BucketSpec;
import dev.tollgate.filters.ratelimit.store.InMemoryBucketStore;
import dev.tollgate.filters.ratelimit.store.SwitchableStore;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.TestSettings;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRateLimiterTest {

	private final MutableClock clock = MutableClock.startingNow();

	private final SwitchableStore shared = new SwitchableStore(this.clock);

	private final InMemoryBucketStore local = new InMemoryBucketStore(this.clock, 1_000, "local");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private RateLimitProperties properties;

	private ClientRateLimiter limiter(StoreFailurePolicy policy) {
		this.properties = TestSettings.under("tollgate.rate-limit")
			.set("policies.standard.limits", "10/1h")
			.set("policies.premium.limits", "50/1h")
			.set("client-overrides.agent-x", "premium")
			.set("instance-count", 2)
			.set("on-store-failure", policy)
			.bind(RateLimitProperties.class);
		return new ClientRateLimiter(RateLimitPolicies.from(this.properties), this.shared, this.local,
				this.properties, new RateLimitMetrics(this.registry, 2), this.clock);
	}

	private static CallerIdentity caller(String clientId) {
		return new CallerIdentity(clientId, null, Set.of(), CredentialKind.JWT, "corp", null, null);
	}

	private static long allowedOf(ClientRateLimiter limiter, int requests, String clientId) {
		BucketSpec standard = limiter.policies().policy("standard");
		long allowed = 0;
		for (int i = 0; i < requests; i++) {
			Verdict verdict = limiter.check("orders", standard, 1, caller(clientId)).block();
			if (verdict.outcome() == Verdict.Outcome.ALLOWED) {
				allowed++;
			}
		}
		return allowed;
	}

	private double fallbacks(String policy, String reason) {
		var counter = this.registry.find("tollgate.ratelimit.fallback").tag("policy", policy).tag("reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	// Dashboards and alerts query the store timer: it exists before the first round trip (a lease or an outage can
	// put that off indefinitely).
	@Test
	void limiterWhenCreatedThenStoreTimerExistsAtZero() {
		limiter(StoreFailurePolicy.LOCAL);

		assertThat(this.registry.get("tollgate.ratelimit.store").tag("store", this.shared.name()).tag("outcome", "ok")
			.timer().count()).isZero();
	}

	@Test
	void checkWhenStoreUpThenSharedBucketsDecide() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.LOCAL);

		assertThat(allowedOf(limiter, 15, "agent-y")).isEqualTo(10);
		assertThat(this.registry.get("tollgate.ratelimit.requests").tag("outcome", "limited").counter().count())
			.isEqualTo(5);
	}

	@Test
	void checkWhenClientHasOverrideThenItsPolicyReplacesTheRoutes() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.LOCAL);

		assertThat(allowedOf(limiter, 60, "agent-x")).isEqualTo(50);
	}

	@Test
	void checkWhenClientsDifferThenBucketsDiffer() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.LOCAL);

		assertThat(allowedOf(limiter, 10, "agent-a")).isEqualTo(10);
		assertThat(allowedOf(limiter, 10, "agent-b")).isEqualTo(10);
	}

	@Test
	void checkWhenStoreDownAndLocalPolicyThenPerInstanceShareOfTheLimit() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.LOCAL);
		this.shared.mode(SwitchableStore.Mode.DOWN);

		// 10/1h over 2 instances: 5 here.
		assertThat(allowedOf(limiter, 8, "agent-y")).isEqualTo(5);
		assertThat(fallbacks("local", "unavailable")).isEqualTo(8);
	}

	@Test
	void checkWhenStoreFailsAndAllowPolicyThenAllowedWithoutLimitAndCounted() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.ALLOW);
		this.shared.mode(SwitchableStore.Mode.FAILING);

		assertThat(allowedOf(limiter, 30, "agent-y")).isEqualTo(30);
		assertThat(fallbacks("allow", "error")).isEqualTo(30);
	}

	@Test
	void checkWhenStoreDownAndDenyPolicyThenUnavailable() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.DENY);
		this.shared.mode(SwitchableStore.Mode.DOWN);

		Verdict verdict = limiter.check("orders", limiter.policies().policy("standard"), 1, caller("agent-y")).block();

		assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.UNAVAILABLE);
		assertThat(verdict.fallback()).isEqualTo(StoreFailurePolicy.DENY);
		assertThat(verdict.headers()).containsKey("RateLimit-Policy").doesNotContainKey("RateLimit");
		assertThat(fallbacks("deny", "unavailable")).isEqualTo(1);
	}

	@Test
	void checkWhenStoreSlowerThanTimeoutThenFailurePolicyApplies() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.DENY);
		this.shared.mode(SwitchableStore.Mode.HANGING);
		BucketSpec standard = limiter.policies().policy("standard");

		StepVerifier.withVirtualTime(() -> limiter.check("orders", standard, 1, caller("agent-y")))
			.thenAwait(this.properties.storeTimeout())
			.assertNext(verdict -> {
				assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.UNAVAILABLE);
				assertThat(verdict.fallbackReason()).isEqualTo("timeout");
			})
			.verifyComplete();
	}

	@Test
	void checkWhenStoreComesBackThenSharedBucketsDecideAgain() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.LOCAL);
		assertThat(allowedOf(limiter, 4, "agent-y")).isEqualTo(4);
		this.shared.mode(SwitchableStore.Mode.DOWN);
		assertThat(allowedOf(limiter, 8, "agent-y")).isEqualTo(5);

		this.shared.mode(SwitchableStore.Mode.UP);

		// The shared bucket still holds its 6 units; it decides again, without a restart.
		Verdict verdict = limiter.check("orders", limiter.policies().policy("standard"), 1, caller("agent-y")).block();
		assertThat(verdict.isFallback()).isFalse();
		assertThat(verdict.decision().remaining()).containsExactly(5L);
	}

	@Test
	void checkWhenCostThenChargedAndNeverAboveTheLocalShare() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.LOCAL);
		BucketSpec standard = limiter.policies().policy("standard");

		Verdict shared = limiter.check("orders", standard, 7, caller("agent-y")).block();
		this.shared.mode(SwitchableStore.Mode.DOWN);
		Verdict local = limiter.check("orders", standard, 7, caller("agent-y")).block();

		assertThat(shared.decision().remaining()).containsExactly(3L);
		// The local share is 5, so a cost of 7 is charged as 5 rather than refused forever.
		assertThat(local.outcome()).isEqualTo(Verdict.Outcome.ALLOWED);
		assertThat(local.decision().remaining()).containsExactly(0L);
	}

	@Test
	void checkWhenManyClientsLimitedThenClientTagIsCapped() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.LOCAL);
		for (String client : new String[] { "c1", "c2", "c3", "c4" }) {
			allowedOf(limiter, 11, client);
		}

		assertThat(this.registry.find("tollgate.ratelimit.limited.clients").counters())
			.extracting(c -> c.getId().getTag("client"))
			.containsExactlyInAnyOrder("c1", "c2", "other");
		assertThat(this.registry.get("tollgate.ratelimit.limited.clients").tag("client", "other").counter().count())
			.isEqualTo(2);
	}

	@Test
	void fallbackLogWhenManyFallbacksThenOneLinePerInterval() {
		FallbackLog log = new FallbackLog(this.clock, Duration.ofSeconds(10));

		assertThat(log.fallback("orders", StoreFailurePolicy.LOCAL, "timeout", "redis-lua")).isTrue();
		assertThat(log.fallback("orders", StoreFailurePolicy.LOCAL, "timeout", "redis-lua")).isFalse();
		assertThat(log.fallback("billing", StoreFailurePolicy.LOCAL, "timeout", "redis-lua")).isTrue();
		this.clock.advance(Duration.ofSeconds(9));
		assertThat(log.fallback("orders", StoreFailurePolicy.LOCAL, "timeout", "redis-lua")).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(log.fallback("orders", StoreFailurePolicy.LOCAL, "timeout", "redis-lua")).isTrue();
	}

}
