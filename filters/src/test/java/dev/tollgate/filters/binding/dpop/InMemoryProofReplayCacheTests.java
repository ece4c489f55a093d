package dev.tollgate.filters.binding.dpop;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryProofReplayCacheTests extends ProofReplayCacheContract {

	@Override
	protected ProofReplayCache createCache(MutableClock clock) {
		return new InMemoryProofReplayCache(clock, 1000);
	}

	@Override
	protected boolean sharedBetweenInstances() {
		return false;
	}

	@Test
	void firstUseWhenTtlPassedThenTrueAgain() {
		ProofReplayCache cache = createCache(this.clock);
		cache.firstUse("k", Duration.ofSeconds(70));
		this.clock.advance(Duration.ofSeconds(71));

		assertThat(cache.firstUse("k", Duration.ofSeconds(70)).toCompletableFuture().join()).isTrue();
	}

	@Test
	void firstUseWhenFullOfLiveEntriesThenFailsForTheFailurePolicy() {
		InMemoryProofReplayCache cache = new InMemoryProofReplayCache(this.clock, 2);
		cache.firstUse("a", Duration.ofMinutes(1));
		cache.firstUse("b", Duration.ofMinutes(1));

		assertThat(cache.firstUse("c", Duration.ofMinutes(1)).toCompletableFuture()).isCompletedExceptionally();
	}

	@Test
	void firstUseWhenFullOfExpiredEntriesThenSweepsAndRecords() {
		InMemoryProofReplayCache cache = new InMemoryProofReplayCache(this.clock, 2);
		cache.firstUse("a", Duration.ofSeconds(1));
		cache.firstUse("b", Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(2));

		assertThat(cache.firstUse("c", Duration.ofMinutes(1)).toCompletableFuture().join()).isTrue();
	}

}
