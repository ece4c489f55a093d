package dev.tollgate.filters.ratelimit.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.RedisHarness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Leases on real Redis (the Lua store), two gateway instances as two stores on two connections. The property that
 * must hold whatever the interleaving: together they never allow more than the limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeasingBucketStoreTest {

	private static final Duration TTL = Duration.ofMillis(500);

	private RedisStores.TwoInstances instances;

	private MutableClock clock;

	private String key;

	/** Two instances on the standalone test Redis; the cluster variant overrides it. */
	protected RedisStores.TwoInstances open() {
		return RedisStores.TwoInstances.open(RedisStores.client(RedisHarness.shared().uri()));
	}

	@BeforeAll
	void connect() {
		this.instances = open();
	}

	@BeforeEach
	void freshBucket() {
		this.clock = MutableClock.startingNow();
		this.key = "tollgate:test:{" + UUID.randomUUID() + "}";
	}

	@AfterAll
	void close() {
		this.instances.close();
	}

	private LeasingBucketStore leasing(RedisBucketConnection connection) {
		return new LeasingBucketStore(new LuaBucketStore(connection, this.clock), this.clock, 0.01, 100, TTL, 1_000);
	}

	/** As a gateway configures it: leases of clients slower than one call per ttl stretch up to 10 s. */
	private LeasingBucketStore stretching(RedisBucketConnection connection) {
		return new LeasingBucketStore(new LuaBucketStore(connection, this.clock), this.clock, 0.01, 100, TTL,
				Duration.ofSeconds(10), 1_000);
	}

	private static BucketSpec spec(String limit) {
		return new BucketSpec("p", List.of(Limit.parse(limit)));
	}

	private static Decision consume(BucketStore store, String key, BucketSpec spec) {
		return store.tryConsume(key, spec, 1).toCompletableFuture().join();
	}

	@Test
	void tryConsumeWhenClientIsBusyThenOneRedisCallPerLeaseNotPerRequest() {
		LeasingBucketStore store = leasing(this.instances.first());
		BucketSpec spec = spec("100000/1h");
		int allowed = 0;
		for (int i = 0; i < 1_000; i++) {
			allowed += consume(store, this.key, spec).allowed() ? 1 : 0;
			this.clock.advance(Duration.ofMillis(1));
		}

		assertThat(allowed).isEqualTo(1_000);
		// 1,000 requests in 1 s at leases of up to 100: the first request alone, then about ten leases.
		assertThat(store.sharedCalls()).isBetween(2L, 20L);
	}

	@Test
	void tryConsumeWhenTwoInstancesShareOneBucketThenTogetherNeverMoreThanTheLimit() {
		// 1,000 tokens, leases of up to 10: each instance can end holding at most one lease unspent.
		BucketSpec spec = spec("1000/1h");
		LeasingBucketStore a = leasing(this.instances.first());
		LeasingBucketStore b = leasing(this.instances.second());
		List<CompletableFuture<Decision>> all = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			BucketStore instance = (i % 2 == 0) ? a : b;
			all.add(CompletableFuture.supplyAsync(() -> instance.tryConsume(this.key, spec, 1))
				.thenCompose(stage -> stage));
		}

		long allowed = all.stream().map(CompletableFuture::join).filter(Decision::allowed).count();

		assertThat(allowed).isLessThanOrEqualTo(1_000).isGreaterThanOrEqualTo(1_000 - 2 * 10);
		assertThat(a.sharedCalls() + b.sharedCalls()).isLessThan(3_000);
	}

	@Test
	void tryConsumeWhenFirstRequestOfAClientThenNothingIsLeased() {
		LeasingBucketStore store = leasing(this.instances.first());

		Decision decision = consume(store, this.key, spec("1000/1h"));

		assertThat(decision.remaining()).containsExactly(999L);
	}

	@Test
	void tryConsumeWhenClientCallsLessThanOncePerTtlThenEveryRequestIsExactInRedis() {
		LeasingBucketStore store = leasing(this.instances.first());
		BucketSpec spec = spec("1000/1d");
		Decision last = null;
		for (int i = 0; i < 5; i++) {
			last = consume(store, this.key, spec);
			this.clock.advance(Duration.ofSeconds(1));
		}

		assertThat(store.sharedCalls()).isEqualTo(5);
		// Nothing was leased and dropped: the bucket lost exactly the five requests (5 s refill less than a token).
		assertThat(last.remaining()).containsExactly(995L);
	}

	@Test
	void tryConsumeWhenClientCallsEveryTwoSecondsThenAStretchedLeaseCoversFiveCalls() {
		LeasingBucketStore store = stretching(this.instances.first());
		BucketSpec spec = spec("100000/1d");
		int allowed = 0;
		for (int i = 0; i < 40; i++) {
			allowed += consume(store, this.key, spec).allowed() ? 1 : 0;
			this.clock.advance(Duration.ofSeconds(2));
		}

		assertThat(allowed).isEqualTo(40);
		// The first call alone, then a 10 s lease of five per five calls: 1 + 39 / 5 rounded up.
		assertThat(store.sharedCalls()).isEqualTo(9);
	}

	@Test
	void tryConsumeWhenClientCallsLessOftenThanMaxTtlThenNothingIsLeased() {
		LeasingBucketStore store = stretching(this.instances.first());
		BucketSpec spec = spec("1000/30d");
		Decision last = null;
		for (int i = 0; i < 5; i++) {
			last = consume(store, this.key, spec);
			this.clock.advance(Duration.ofSeconds(30));
		}

		assertThat(store.sharedCalls()).isEqualTo(5);
		assertThat(last.remaining()).containsExactly(995L);
	}

	@Test
	void tryConsumeWhenShortestWindowIsShorterThanMaxTtlThenLeasesNeverOutliveIt() {
		LeasingBucketStore store = stretching(this.instances.first());
		// Every 1.5 s: a 10 s lease would hold seven calls, but the 2 s window bounds it to 2 s, two calls.
		BucketSpec spec = new BucketSpec("p", List.of(Limit.parse("100000/1d"), Limit.parse("50000/2s")));
		int allowed = 0;
		for (int i = 0; i < 21; i++) {
			allowed += consume(store, this.key, spec).allowed() ? 1 : 0;
			this.clock.advance(Duration.ofMillis(1_500));
		}

		assertThat(allowed).isEqualTo(21);
		assertThat(store.sharedCalls()).isEqualTo(11);
	}

	@Test
	void tryConsumeWhenStretchedLeasesOnTwoInstancesThenTogetherNeverMoreThanTheLimit() {
		// 300 tokens, leases of up to 3: each instance can end holding at most one lease unspent.
		BucketSpec spec = spec("300/1h");
		LeasingBucketStore a = stretching(this.instances.first());
		LeasingBucketStore b = stretching(this.instances.second());
		int allowed = 0;
		for (int i = 0; i < 400; i++) {
			allowed += consume((i % 2 == 0) ? a : b, this.key, spec).allowed() ? 1 : 0;
			this.clock.advance(Duration.ofMillis(700));
		}

		// 280 s of refill at 300/h adds 23 tokens to the 300.
		assertThat(allowed).isLessThanOrEqualTo(323).isGreaterThanOrEqualTo(323 - 2 * 3);
		assertThat(a.sharedCalls() + b.sharedCalls()).isLessThan(400);
	}

	@Test
	void tryConsumeWhenPolicyTooSmallForALeaseThenEveryDecisionIsExactInRedis() {
		LeasingBucketStore store = leasing(this.instances.first());
		BucketSpec spec = spec("20/1h");
		int allowed = 0;
		for (int i = 0; i < 25; i++) {
			allowed += consume(store, this.key, spec).allowed() ? 1 : 0;
		}

		assertThat(allowed).isEqualTo(20);
		assertThat(store.sharedCalls()).isEqualTo(25);
	}

	@Test
	void tryConsumeWhenRefusedThenRefusalIsRememberedUntilTheCostFitsAgain() {
		LeasingBucketStore store = leasing(this.instances.first());
		BucketSpec spec = spec("200/1m");
		for (int i = 0; i < 200; i++) {
			assertThat(consume(store, this.key, spec).allowed()).isTrue();
		}
		Decision refused = consume(store, this.key, spec);
		long callsAfterRefusal = store.sharedCalls();

		for (int i = 0; i < 10; i++) {
			assertThat(consume(store, this.key, spec).allowed()).isFalse();
		}
		assertThat(store.sharedCalls()).isEqualTo(callsAfterRefusal);
		assertThat(refused.allowed()).isFalse();
		// 200 per minute: one token refills every 300 ms.
		assertThat(refused.retryAfterNanos()).isBetween(Duration.ofMillis(299).toNanos(), Duration.ofMillis(300).toNanos());

		this.clock.advance(Duration.ofMillis(300));
		assertThat(consume(store, this.key, spec).allowed()).isTrue();
	}

	@Test
	void tryConsumeWhenRefusedForALargeCostThenSmallerCostsStillAskRedis() {
		LeasingBucketStore store = leasing(this.instances.first());
		BucketSpec spec = spec("200/1m");
		for (int i = 0; i < 195; i++) {
			consume(store, this.key, spec);
		}

		assertThat(store.tryConsume(this.key, spec, 50).toCompletableFuture().join().allowed()).isFalse();
		assertThat(store.tryConsume(this.key, spec, 1).toCompletableFuture().join().allowed()).isTrue();
	}

	@Test
	void tryConsumeWhenLeaseOutlivesItsTtlThenUnspentTokensAreDroppedNotSpent() {
		LeasingBucketStore store = leasing(this.instances.first());
		BucketSpec spec = spec("100000/1h");
		consume(store, this.key, spec);
		consume(store, this.key, spec);
		long calls = store.sharedCalls();
		consume(store, this.key, spec);
		assertThat(store.sharedCalls()).as("spent from the lease").isEqualTo(calls);

		this.clock.advance(TTL);
		consume(store, this.key, spec);

		assertThat(store.sharedCalls()).as("an expired lease is not spent").isEqualTo(calls + 1);
	}

	@Test
	void tryConsumeWhenConcurrentRequestsOfOneClientThenTheyWaitForOneLease() {
		LeasingBucketStore store = leasing(this.instances.first());
		BucketSpec spec = spec("100000/1h");
		List<CompletableFuture<Decision>> all = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			all.add(CompletableFuture.supplyAsync(() -> store.tryConsume(this.key, spec, 1)).thenCompose(s -> s));
		}

		assertThat(all.stream().map(CompletableFuture::join).allMatch(Decision::allowed)).isTrue();
		assertThat(store.sharedCalls()).isLessThan(16);
	}

	@Test
	void tryConsumeWhenSharedStoreFailsThenFailureReachesTheCallerAndNextRequestRetries() {
		SwitchableStore shared = new SwitchableStore(this.clock);
		LeasingBucketStore store = new LeasingBucketStore(shared, this.clock, 0.01, 100, TTL, 1_000);
		BucketSpec spec = spec("100000/1h");
		shared.mode(SwitchableStore.Mode.FAILING);

		assertThatThrownBy(() -> consume(store, this.key, spec)).hasRootCauseInstanceOf(IllegalStateException.class);

		shared.mode(SwitchableStore.Mode.UP);
		assertThat(consume(store, this.key, spec).allowed()).isTrue();
	}

	@Test
	void tryConsumeWhenSharedStoreThrowsInsteadOfFailingThenPendingLeaseIsReleased() {
		SwitchableStore shared = new SwitchableStore(this.clock);
		LeasingBucketStore store = new LeasingBucketStore(shared, this.clock, 0.01, 100, TTL, 1_000);
		BucketSpec spec = spec("100000/1h");
		shared.mode(SwitchableStore.Mode.THROWING);

		assertThatThrownBy(() -> consume(store, this.key, spec)).hasRootCauseInstanceOf(IllegalStateException.class);

		shared.mode(SwitchableStore.Mode.UP);
		assertThat(consume(store, this.key, spec).allowed()).isTrue();
	}

}
