package dev.tollgate.filters.binding.dpop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replay cache of a single gateway instance without Redis. Bounded: expired entries are swept when the map
 * reaches its limit; if it is still full, the store "fails" and the replay failure policy decides, so a flood of
 * proofs can never grow memory without bound. Useless across instances: with several, configure Redis.
 */
public final class InMemoryProofReplayCache implements ProofReplayCache {

	private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();

	private final Clock clock;

	private final int maxEntries;

	public InMemoryProofReplayCache(Clock clock, int maxEntries) {
		this.clock = clock;
		this.maxEntries = maxEntries;
	}

	@Override
	public CompletionStage<Boolean> firstUse(String key, Duration ttl) {
		Instant now = this.clock.instant();
		if (this.seen.size() >= this.maxEntries) {
			this.seen.values().removeIf((until) -> !until.isAfter(now));
			if (this.seen.size() >= this.maxEntries) {
				return CompletableFuture.failedFuture(new IllegalStateException("replay cache full"));
			}
		}
		Instant until = now.plus(ttl);
		boolean[] first = new boolean[1];
		this.seen.compute(key, (k, previous) -> {
			if (previous == null || !previous.isAfter(now)) {
				first[0] = true;
				return until;
			}
			return previous;
		});
		return CompletableFuture.completedFuture(first[0]);
	}

}
