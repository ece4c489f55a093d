package dev.tollgate.filters.binding.dpop;

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
 * The contract every {@link ProofReplayCache} keeps (RFC 9449 §11.1): each backend's test says how to build it,
 * and shows how its entries end (by the injected clock in memory, by Redis' own expiry there).
 */
abstract class ProofReplayCacheContract {

	protected final MutableClock clock = MutableClock.startingNow();

	private String key;

	/** A cache reading time from {@code clock}; each call is another gateway instance over the same backend. */
	protected abstract ProofReplayCache createCache(MutableClock clock);

	/** Whether two caches from {@link #createCache} share entries (Redis) or each has its own (in memory). */
	protected abstract boolean sharedBetweenInstances();

	@BeforeEach
	void newKey() {
		this.key = "tollgate:dpop:{test}:" + UUID.randomUUID();
	}

	private static boolean join(java.util.concurrent.CompletionStage<Boolean> stage) {
		return stage.toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
	}

	@Test
	void firstUseWhenKeyNewThenTrue() {
		assertThat(join(createCache(this.clock).firstUse(this.key, Duration.ofMinutes(1)))).isTrue();
	}

	@Test
	void firstUseWhenKeySeenWithinTtlThenFalse() {
		ProofReplayCache cache = createCache(this.clock);
		join(cache.firstUse(this.key, Duration.ofMinutes(1)));

		assertThat(join(cache.firstUse(this.key, Duration.ofMinutes(1)))).isFalse();
	}

	@Test
	void firstUseWhenOtherKeyThenTrue() {
		ProofReplayCache cache = createCache(this.clock);
		join(cache.firstUse(this.key, Duration.ofMinutes(1)));

		assertThat(join(cache.firstUse(this.key + "-other", Duration.ofMinutes(1)))).isTrue();
	}

	@Test
	void firstUseWhenSameKeyRacesThenExactlyOneWins() {
		ProofReplayCache cache = createCache(this.clock);
		List<CompletableFuture<Boolean>> racers = new ArrayList<>();
		for (int i = 0; i < 32; i++) {
			racers.add(CompletableFuture.supplyAsync(() -> join(cache.firstUse(this.key, Duration.ofMinutes(1)))));
		}

		long winners = racers.stream().map(CompletableFuture::join).filter(Boolean::booleanValue).count();

		assertThat(winners).isEqualTo(1);
	}

	@Test
	void firstUseWhenSeenByAnotherInstanceThenDependsOnSharing() {
		join(createCache(this.clock).firstUse(this.key, Duration.ofMinutes(1)));

		boolean first = join(createCache(this.clock).firstUse(this.key, Duration.ofMinutes(1)));

		assertThat(first).isEqualTo(!sharedBetweenInstances());
	}

}
