package dev.tollgate.filters.authn.introspection;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A non-blocking permit counter: {@link #tryAcquire()} takes a permit or says no at once; nothing ever waits, so it
 * is safe on an event loop (a {@link java.util.concurrent.Semaphore} would park the thread when empty).
 */
final class ConcurrencyLimit {

	private final int max;

	private final AtomicInteger inUse = new AtomicInteger();

	/** @param max permits available, at least 1 */
	ConcurrencyLimit(int max) {
		if (max < 1) {
			throw new IllegalArgumentException("max-concurrent must be at least 1");
		}
		this.max = max;
	}

	/** Takes a permit if one is free; {@code false} without waiting otherwise. */
	boolean tryAcquire() {
		while (true) {
			int current = this.inUse.get();
			if (current >= this.max) {
				return false;
			}
			if (this.inUse.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	/** Returns a permit taken by {@link #tryAcquire()}; call exactly once per permit. */
	void release() {
		this.inUse.decrementAndGet();
	}

	int inUse() {
		return this.inUse.get();
	}

	int max() {
		return this.max;
	}

}
