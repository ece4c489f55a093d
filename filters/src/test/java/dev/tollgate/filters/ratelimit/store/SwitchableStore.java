package dev.tollgate.filters.ratelimit.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tollgate.testkit.MutableClock;

/**
 * A test double of the {@link BucketStore} port (not of Redis): in-memory buckets that a test can take down, make
 * fail or make hang, to drive the limiter's failure policies. Real Redis outages are tested with the Redis harness.
 */
public final class SwitchableStore implements BucketStore {

	public enum Mode {

		UP, DOWN, FAILING, THROWING, HANGING

	}

	private final InMemoryBucketStore buckets;

	private volatile Mode mode = Mode.UP;

	public SwitchableStore(MutableClock clock) {
		this.buckets = new InMemoryBucketStore(clock, 1_000, "switchable");
	}

	public void mode(Mode mode) {
		this.mode = mode;
	}

	@Override
	public CompletionStage<Decision> tryConsume(String key, BucketSpec spec, long cost) {
		return switch (this.mode) {
			case UP -> this.buckets.tryConsume(key, spec, cost);
			case DOWN -> CompletableFuture.failedFuture(new StoreUnavailableException("down"));
			case FAILING -> CompletableFuture.failedFuture(new IllegalStateException("boom"));
			case THROWING -> throw new IllegalStateException("thrown, not returned");
			case HANGING -> new CompletableFuture<>();
		};
	}

	@Override
	public boolean isAvailable() {
		return this.mode != Mode.DOWN;
	}

	@Override
	public String name() {
		return "switchable";
	}

}
