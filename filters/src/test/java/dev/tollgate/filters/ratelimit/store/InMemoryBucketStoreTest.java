package dev.tollgate.filters.ratelimit.store;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryBucketStoreTest extends BucketStoreContract {

	@Override
	protected BucketStore createStore(MutableClock clock) {
		return new InMemoryBucketStore(clock, 1_000, "memory");
	}

	@Override
	protected boolean sharesBucketsBetweenInstances() {
		// Buckets in this JVM: each instance has the whole limit (the local fallback divides it by instance count).
		return false;
	}

	@Test
	void tryConsumeWhenBucketIdleForItsLongestWindowThenItIsForgotten() {
		InMemoryBucketStore store = new InMemoryBucketStore(this.clock, 1_000, "memory");
		BucketSpec spec = new BucketSpec("p", List.of(Limit.parse("5/1m")));
		store.tryConsume("k", spec, 1).toCompletableFuture().join();

		this.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
		store.tryConsume("other", spec, 1).toCompletableFuture().join();

		assertThat(store.size()).isEqualTo(1);
	}

	@Test
	void tryConsumeWhenPolicyOfAKeyChangesThenTheNewLimitsApply() {
		InMemoryBucketStore store = new InMemoryBucketStore(this.clock, 1_000, "memory");
		store.tryConsume("k", new BucketSpec("p", List.of(Limit.parse("1/1m"))), 1).toCompletableFuture().join();

		Decision decision = store.tryConsume("k", new BucketSpec("p", List.of(Limit.parse("5/1m"))), 1)
			.toCompletableFuture()
			.join();

		assertThat(decision.allowed()).isTrue();
		assertThat(decision.remaining()).containsExactly(4L);
	}

}
