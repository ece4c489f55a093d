package dev.tollgate.filters.ratelimit.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.filters.ratelimit.BucketSpec;
import dev.tollgate.filters.ratelimit.Limit;
import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link BucketStore} keeps (in the manner of bucket4j's TCK): each backend's test only says how
 * to build the store. Time comes from a {@link MutableClock}.
 */
abstract class BucketStoreContract {

	protected final MutableClock clock = MutableClock.startingNow();

	private BucketStore store;

	private String key;

	/** A store reading time from {@code clock}. */
	protected abstract BucketStore createStore(MutableClock clock);

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
