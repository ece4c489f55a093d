package dev.tollgate.apikeys;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.lifecycle.ApiKeyLifecycle;
import dev.tollgate.apikeys.lifecycle.IssueRequest;
import dev.tollgate.apikeys.lifecycle.IssuedKey;
import dev.tollgate.apikeys.phase.RoutePhasePolicies;
import dev.tollgate.apikeys.store.RedisKeyChangeBus;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.redis.RedisClientSettings;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisTopology;
import dev.tollgate.testkit.RedisHarness;

import static dev.tollgate.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two "instances" (each its own Redis connections, cache and bus) sharing one real Redis: a key revoked through one
 * is refused by the other within a second, though the other had it cached for ten minutes.
 */
class RedisRevocationPropagationTest {

	private final String prefix = "t-" + UUID.randomUUID();

	private final RedisConnector client = RedisConnector.create(topology(), RedisClientSettings.DEFAULTS,
			Clock.systemUTC());

	private final ApiKeyBackend a = ApiKeyBackend.redis(this.client, this.prefix, Duration.ofMinutes(10),
			Duration.ofMinutes(10), 100, Duration.ofDays(1));

	private final ApiKeyBackend b = ApiKeyBackend.redis(this.client, this.prefix, Duration.ofMinutes(10),
			Duration.ofMinutes(10), 100, Duration.ofDays(1));

	/** The standalone test Redis; the cluster variant overrides it. */
	protected RedisTopology topology() {
		return RedisTopology.fromUrl(RedisHarness.shared().uri(), RedisTopology.Credentials.NONE);
	}

	@AfterEach
	void close() {
		this.a.close();
		this.b.close();
		this.client.close();
	}

	@Test
	void revokeWhenDoneThroughOneInstanceThenOtherRefusesWithinOneSecond() throws Exception {
		await(this.a.connected());
		await(this.b.connected());
		await(((RedisKeyChangeBus) this.a.bus()).subscribed());
		await(((RedisKeyChangeBus) this.b.bus()).subscribed());
		MutableClock clock = MutableClock.at("2026-03-02T08:00:00Z");
		ApiKeyLifecycle adminOnA = new ApiKeyLifecycle(this.a.store(), new ApiKeyFormat(), clock, Duration.ZERO);
		ApiKeyAuthentication gatewayB = new ApiKeyAuthentication(this.b.store(),
				new PhaseResolver(new RoutePhasePolicies(List.of()), null), null, clock, null, Duration.ofSeconds(2),
				null);
		List<Long> micros = new java.util.ArrayList<>();
		java.util.concurrent.LinkedBlockingQueue<String> heardOnB = new java.util.concurrent.LinkedBlockingQueue<>();
		this.b.bus().subscribe(id -> heardOnB.add(String.valueOf(id)));
		for (int i = 0; i < 10; i++) {
			IssuedKey key = await(adminOnA.issue(IssueRequest.forClient("agent-a")));
			String keyId = key.record().keyId();
			// The issue is announced too; let it reach B first, so B's cache entry is not dropped by it.
			awaitMessage(heardOnB, keyId);
			assertThat(await(gatewayB.authenticate(key.key(), "orders", Set.of()))).isInstanceOf(Decision.Accepted.class);
			assertThat(this.b.store().cachedEntries()).isPositive();
			long start = System.nanoTime();
			await(adminOnA.revoke(keyId));
			assertThat(awaitMessage(heardOnB, keyId)).as("revocation heard by the other instance within 1 s").isTrue();
			micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
			assertThat(await(gatewayB.authenticate(key.key(), "orders", Set.of())))
				.isInstanceOfSatisfying(Decision.Rejected.class,
						r -> assertThat(r.cause()).isEqualTo(Decision.Cause.REVOKED));
		}
		List<Long> sorted = micros.stream().sorted().toList();
		LoggerFactory.getLogger(RedisRevocationPropagationTest.class).info("revocation propagation, revoke call to the other instance's cache drop, 10 runs: median "
				+ sorted.get(5) + " µs, max " + sorted.get(9) + " µs (first run includes warm-up)");
	}

	/** Takes messages until {@code keyId} arrives; false when a second passes without it. */
	private static boolean awaitMessage(java.util.concurrent.BlockingQueue<String> heard, String keyId)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
		for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
			if (keyId.equals(heard.poll(left, TimeUnit.NANOSECONDS))) {
				return true;
			}
		}
		return false;
	}

}
