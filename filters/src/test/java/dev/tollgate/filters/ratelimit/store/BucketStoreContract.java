package dev.tollgate.filters.ratelimit.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link BucketStore} keeps (in the manner of bucket4j's TCK): each backend's test only says how
 * to build the store and answers the capability hooks below. Time comes from a {@link MutableClock}.
 * <p>
 * Capability hooks, for properties that legitimately differ between stores (each store's javadoc says which):
 * <ul>
 * <li>{@link #sharesBucketsBetweenInstances()}: whether two gateway instances decide on one bucket (Redis) or each
 * on its own (in memory);</li>
 * <li>{@link #earlyRefusalBound(BucketSpec)}: how far below the limit instances sharing a bucket may be refused
 * together (0 when every decision is made in the shared store; a lease's size for the leasing store).</li>
 * </ul>
 */
abstract class BucketStoreContract {

	protected final MutableClock clock = MutableClock.startingNow();

	private BucketStore store;

	private String key;

	/**
	 * A store reading time from {@code clock}. Each call is one more gateway instance's store: stores that share
	 * buckets between instances must return one over the same shared backend.
	 */
	protected abstract BucketStore createStore(MutableClock clock);

	/**
	 * Whether two stores from {@link #createStore} decide on the same buckets, as gateway instances sharing Redis
	 * do. False for buckets held in one instance, where every instance has the whole limit to itself.
	 */
	protected abstract boolean sharesBucketsBetweenInstances();

	/**
	 * The most units two instances sharing a bucket may together be refused before its limit is spent: 0 for stores
	 * that decide every request in the shared store. Never a licence to allow more than the limit.
	 */
	protected long earlyRefusalBound(BucketSpec spec) {
		return 0;
	}

	@BeforeEach
	void setUpStore() {
		this.store = createStore(this.clock);
		// Unique per test: Redis-backed stores share one server between tests.
		this.key = "tollgate:test:{" + UUID.randomUUID() + "}";
	}

	protected BucketStore store() {
		return this.store;
	}

	private Decision consume(String key, BucketSpec spec, long cost) {
		return this.store.tryConsume(key, spec, cost).toCompletableFuture().join();
	}

	private static BucketSpec spec(String... limits) {
		return new BucketSpec("test", List.of(limits).stream().map(Limit::parse).toList());
	}

	@Test
	void tryConsumeWhenBucketIsNewThenItStartsFull() {
		Decision decision = consume(this.key, spec("5/1m"), 1);

		assertThat(decision.allowed()).isTrue();
		assertThat(decision.remaining()).containsExactly(4L);
		assertThat(decision.retryAfterNanos()).isZero();
	}

	@Test
	void tryConsumeWhenCapacitySpentThenRefusedWithTimeUntilOneUnitRefills() {
		BucketSpec spec = spec("3/1m");
		for (int i = 0; i < 3; i++) {
			assertThat(consume(this.key, spec, 1).allowed()).isTrue();
		}

		Decision refused = consume(this.key, spec, 1);

		assertThat(refused.allowed()).isFalse();
		assertThat(refused.remaining()).containsExactly(0L);
		// One unit of 3/1m comes back after 20 s (continuous refill); allow rounding to the store's time unit.
		assertThat(refused.retryAfterNanos()).isBetween(Duration.ofSeconds(19).toNanos(), Duration.ofSeconds(20).toNanos());
	}

	@Test
	void tryConsumeWhenTimePassesThenUnitsRefillContinuously() {
		BucketSpec spec = spec("3/1m");
		consume(this.key, spec, 3);
		assertThat(consume(this.key, spec, 1).allowed()).isFalse();

		this.clock.advance(Duration.ofSeconds(20));

		assertThat(consume(this.key, spec, 1).allowed()).isTrue();
		assertThat(consume(this.key, spec, 1).allowed()).isFalse();
	}

	@Test
	void tryConsumeWhenIdleLongerThanTheWindowThenBucketIsFullButNotMore() {
		BucketSpec spec = spec("3/1m");
		consume(this.key, spec, 2);

		this.clock.advance(Duration.ofHours(1));

		Decision decision = consume(this.key, spec, 1);
		assertThat(decision.remaining()).containsExactly(2L);
	}

	@Test
	void tryConsumeWhenCostThenChargesThatManyUnits() {
		BucketSpec spec = spec("10/1m");

		Decision decision = consume(this.key, spec, 4);

		assertThat(decision.allowed()).isTrue();
		assertThat(decision.remaining()).containsExactly(6L);
	}

	@Test
	void tryConsumeWhenRefusedThenNothingIsCharged() {
		BucketSpec spec = spec("5/1m");
		consume(this.key, spec, 3);

		assertThat(consume(this.key, spec, 3).allowed()).isFalse();

		Decision rest = consume(this.key, spec, 2);
		assertThat(rest.allowed()).isTrue();
		assertThat(rest.remaining()).containsExactly(0L);
	}

	@Test
	void tryConsumeWhenSeveralLimitsThenEveryLimitMustHaveRoomAndAllAreCharged() {
		BucketSpec spec = spec("2/1s", "3/1m");

		Decision first = consume(this.key, spec, 1);
		Decision second = consume(this.key, spec, 1);
		Decision burstSpent = consume(this.key, spec, 1);

		assertThat(first.remaining()).containsExactly(1L, 2L);
		assertThat(second.remaining()).containsExactly(0L, 1L);
		assertThat(burstSpent.allowed()).isFalse();
		assertThat(burstSpent.remaining()).containsExactly(0L, 1L);

		this.clock.advance(Duration.ofSeconds(1));
		Decision third = consume(this.key, spec, 1);
		assertThat(third.allowed()).isTrue();
		assertThat(third.remaining()).containsExactly(1L, 0L);
		Decision sustainedSpent = consume(this.key, spec, 1);
		assertThat(sustainedSpent.allowed()).isFalse();
		assertThat(sustainedSpent.retryAfterNanos()).isGreaterThan(Duration.ofSeconds(18).toNanos());
	}

	@Test
	void tryConsumeWhenAllowedInARowThenRemainingFallsByTheCostEachTime() {
		// Large enough for a leasing store to lease, and slow enough that 10 ms refill no whole unit.
		BucketSpec spec = spec("100/1h");

		List<Long> remaining = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Decision decision = consume(this.key, spec, 1);
			assertThat(decision.allowed()).isTrue();
			remaining.add(decision.remaining().get(0));
			this.clock.advance(Duration.ofMillis(1));
		}

		assertThat(remaining).containsExactly(99L, 98L, 97L, 96L, 95L, 94L, 93L, 92L, 91L, 90L);
	}

	@Test
	void tryConsumeWhenRefusedAgainAtOnceThenSameRemainingPerLimitAndSameWait() {
		BucketSpec spec = spec("2/1s", "3/1m");
		consume(this.key, spec, 1);
		consume(this.key, spec, 1);
		Decision first = consume(this.key, spec, 1);

		Decision again = consume(this.key, spec, 1);

		assertThat(first.allowed()).isFalse();
		assertThat(again.allowed()).isFalse();
		// The burst limit is spent, the sustained one is not: the headers name the limit that refused.
		assertThat(again.remaining()).containsExactly(0L, 1L);
		// Equal up to the microsecond resolution some stores keep time in.
		assertThat(again.retryAfterNanos()).isBetween(first.retryAfterNanos() - 1_000, first.retryAfterNanos());
	}

	@Test
	void tryConsumeWhenTwoInstancesSpendOneKeyThenSharedBucketsAllowTheLimitOnceAndLocalOnesOncePerInstance() {
		// Three times the limit, but few enough that compare-and-swap retries on one hot key stay quick.
		BucketSpec spec = spec("50/1h");
		BucketStore second = createStore(this.clock);
		List<CompletableFuture<Decision>> first = new ArrayList<>();
		List<CompletableFuture<Decision>> other = new ArrayList<>();
		for (int i = 0; i < 75; i++) {
			first.add(CompletableFuture.supplyAsync(() -> this.store.tryConsume(this.key, spec, 1))
				.thenCompose(stage -> stage));
			other.add(CompletableFuture.supplyAsync(() -> second.tryConsume(this.key, spec, 1))
				.thenCompose(stage -> stage));
		}

		long allowedByFirst = first.stream().map(CompletableFuture::join).filter(Decision::allowed).count();
		long allowedByOther = other.stream().map(CompletableFuture::join).filter(Decision::allowed).count();

		if (sharesBucketsBetweenInstances()) {
			assertThat(allowedByFirst + allowedByOther).isLessThanOrEqualTo(50)
				.isGreaterThanOrEqualTo(50 - earlyRefusalBound(spec));
		}
		else {
			assertThat(allowedByFirst).isEqualTo(50);
			assertThat(allowedByOther).isEqualTo(50);
		}
	}

	@Test
	void tryConsumeWhenKeysDifferThenBucketsAreIndependent() {
		BucketSpec spec = spec("1/1m");

		assertThat(consume(this.key + "a", spec, 1).allowed()).isTrue();
		assertThat(consume(this.key + "b", spec, 1).allowed()).isTrue();
		assertThat(consume(this.key + "a", spec, 1).allowed()).isFalse();
	}

	@Test
	void tryConsumeWhenManyConcurrentRequestsOnOneKeyThenExactlyCapacityAllowed() {
		BucketSpec spec = spec("20/1h");
		List<CompletableFuture<Decision>> all = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			all.add(CompletableFuture.supplyAsync(() -> this.store.tryConsume(this.key, spec, 1))
				.thenCompose(stage -> stage));
		}

		long allowed = all.stream().map(CompletableFuture::join).filter(Decision::allowed).count();

		assertThat(allowed).isEqualTo(20);
	}

}
