package dev.tollgate.filters.ratelimit.store;

import java.util.concurrent.CompletionStage;


/**
 * The narrow port every bucket backend implements: in memory, bucket4j on Redis (compare-and-swap) or one Lua
 * script on Redis. Implementations never block the calling thread.
 */
public interface BucketStore {

	/**
	 * Take {@code cost} units from every limit of the bucket {@code key}, or none if any limit lacks room. A bucket
	 * that does not exist yet starts full.
	 * @param key the storage key, already hash-tagged (see {@link BucketKeys})
	 * @param cost units to take, at least 1 and at most {@link BucketSpec#minCapacity()}
	 * @return the decision; completes exceptionally when the backend is unreachable
	 */
	CompletionStage<Decision> tryConsume(String key, BucketSpec spec, long cost);

	/**
	 * False when the backend is known to be unreachable right now, so callers can fall back without waiting for a
	 * timeout. True does not promise the next call succeeds.
	 */
	default boolean isAvailable() {
		return true;
	}

	/** A short bounded name for metrics, e.g. {@code memory}, {@code redis-lua}. */
	String name();

}
