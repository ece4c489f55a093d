package dev.tollgate.filters.ratelimit;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.ratelimit.store.RedisStores;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisStatus;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.RedisHarness;
import dev.tollgate.testkit.TestSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Redis stopped and started under the limiter: each failure policy applies while it is away, and shared
 * buckets decide again once Lettuce has reconnected, without restarting anything. Waits on Lettuce's connection
 * events, not on time.
 */
class RedisOutageTest {

	private static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);

	private static RedisHarness redis;

	private final MutableClock clock = MutableClock.startingNow();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private RedisConnector client;

	private RateLimitStores stores;

	private final String agent = "agent-" + UUID.randomUUID();

	@BeforeAll
	static void startRedis() {
		redis = RedisHarness.dedicated();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@AfterEach
	void closeClient() {
		this.stores.close();
		this.client.close();
	}

	private ClientRateLimiter limiter(StoreFailurePolicy policy) {
		RateLimitProperties properties = TestSettings.under("tollgate.rate-limit")
			.set("policies.standard.limits", "10/1h")
			.set("instance-count", 2)
			.set("on-store-failure", policy)
			// Generous: this machine may be busy, and these tests are about outages, not latency.
			.set("store-timeout", STORE_TIMEOUT)
			.bind(RateLimitProperties.class);
		this.client = RedisStores.client(redis.uri());
		this.stores = RateLimitStores.redis(this.client, properties, this.clock);
		this.stores.ready().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
		return new ClientRateLimiter(RateLimitPolicies.from(properties), this.stores.shared(), this.stores.local(),
				properties, new RateLimitMetrics(this.registry, 10), this.clock);
	}

	private Verdict check(ClientRateLimiter limiter) {
		return limiter.check("orders", limiter.policies().policy("standard"), 1,
				new CallerIdentity(this.agent, null, Set.of(), CredentialKind.JWT, "corp", null, null))
			.block();
	}

	private void stopRedisAndAwaitDisconnect() {
		redis.stop();
		this.client.status().reaching(RedisStatus.State.DOWN).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
			.join();
	}

	private void startRedisAndAwaitReconnect() {
		redis.start();
		this.client.status().reaching(RedisStatus.State.UP).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
			.join();
	}

	private double fallbacks(String policy) {
		var counter = this.registry.find("tollgate.ratelimit.fallback").tag("policy", policy).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void checkWhenRedisStoppedAndLocalPolicyThenPerInstanceShareThenSharedAgainAfterRestart() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.LOCAL);
		assertThat(check(limiter).decision().remaining()).containsExactly(9L);

		stopRedisAndAwaitDisconnect();
		long allowed = 0;
		for (int i = 0; i < 8; i++) {
			Verdict verdict = check(limiter);
			assertThat(verdict.fallback()).isEqualTo(StoreFailurePolicy.LOCAL);
			allowed += (verdict.outcome() == Verdict.Outcome.ALLOWED) ? 1 : 0;
		}
		// 10/1h shared by 2 instances: 5 here while Redis is away.
		assertThat(allowed).isEqualTo(5);
		assertThat(fallbacks("local")).isEqualTo(8);

		startRedisAndAwaitReconnect();
		Verdict back = check(limiter);
		assertThat(back.isFallback()).isFalse();
		// This Redis keeps nothing across restarts, so the shared bucket starts full again.
		assertThat(back.decision().remaining()).containsExactly(9L);
		assertThat(fallbacks("local")).isEqualTo(8);
	}

	@Test
	void checkWhenRedisStoppedAndAllowPolicyThenAllowedAndCountedThenSharedAgainAfterRestart() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.ALLOW);
		check(limiter);

		stopRedisAndAwaitDisconnect();
		for (int i = 0; i < 15; i++) {
			Verdict verdict = check(limiter);
			assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.ALLOWED);
			assertThat(verdict.fallback()).isEqualTo(StoreFailurePolicy.ALLOW);
		}
		assertThat(fallbacks("allow")).isEqualTo(15);

		startRedisAndAwaitReconnect();
		assertThat(check(limiter).isFallback()).isFalse();
	}

	@Test
	void checkWhenRedisStoppedAndDenyPolicyThenUnavailableThenSharedAgainAfterRestart() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.DENY);
		check(limiter);

		stopRedisAndAwaitDisconnect();
		Verdict verdict = check(limiter);
		assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.UNAVAILABLE);
		assertThat(verdict.fallbackReason()).isEqualTo("unavailable");
		assertThat(fallbacks("deny")).isEqualTo(1);

		startRedisAndAwaitReconnect();
		Verdict back = check(limiter);
		assertThat(back.outcome()).isEqualTo(Verdict.Outcome.ALLOWED);
		assertThat(back.isFallback()).isFalse();
	}

	@Test
	void checkWhenRedisSlowerThanStoreTimeoutThenFailurePolicyAppliesWithReasonTimeout() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.LOCAL);
		check(limiter);
		RedisClient pauser = RedisClient.create(redis.uri());
		try (StatefulRedisConnection<String, String> connection = pauser.connect()) {
			// Redis holds write commands (scripts included) for 30 s, far beyond the store timeout, then is
			// released by CLIENT UNPAUSE, which WRITE mode lets through.
			connection.sync().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
					new CommandArgs<>(StringCodec.UTF8).add("PAUSE").add(30_000).add("WRITE"));
			try {
				Verdict verdict = check(limiter);

				assertThat(verdict.fallback()).isEqualTo(StoreFailurePolicy.LOCAL);
				assertThat(verdict.fallbackReason()).isEqualTo("timeout");
				assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.ALLOWED);
			}
			finally {
				connection.sync().dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
						new CommandArgs<>(StringCodec.UTF8).add("UNPAUSE"));
			}
			assertThat(check(limiter).isFallback()).isFalse();
		}
		finally {
			pauser.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}


	@Test
	void checkWhenRedisHungThenFallsBackWithoutWaitingOnceProbeSaysDownThenSharedAgain() {
		ClientRateLimiter limiter = limiter(StoreFailurePolicy.DENY);
		assertThat(check(limiter).isFallback()).isFalse();
		// SIGSTOP: the TCP connection stays open and nothing answers, as with a hung host.
		redis.freeze();
		try {
			this.client.status().reaching(RedisStatus.State.DOWN).toCompletableFuture()
				.orTimeout(10, TimeUnit.SECONDS).join();
			double before = fallbacks("deny");
			Verdict verdict = check(limiter);
			// Decided without a round trip: the probe has opened the circuit, so no request waits out its timeout.
			assertThat(verdict.fallbackReason()).isEqualTo("unavailable");
			assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.UNAVAILABLE);
			assertThat(fallbacks("deny")).isEqualTo(before + 1);
		}
		finally {
			redis.thaw();
		}
		this.client.status().reaching(RedisStatus.State.UP).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
			.join();
		assertThat(check(limiter).isFallback()).isFalse();
	}

}
