package dev.tollgate.filters.upstream.exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import dev.tollgate.filters.core.CallerFault;

/**
 * Exchanged tokens and recent refusals, each kept until its own deadline, bounded in size, with single flight: while
 * one load for a key is running, every other request for that key waits for the same result instead of calling the
 * STS again. Time comes from the injected {@link Clock}, so tests move it instead of sleeping.
 *
 * @param <K> the key type
 */
final class TokenCache<K> {

	/** A finished load: a token usable until {@code until}, or a refusal remembered until {@code until}. */
	sealed interface Outcome permits Issued, Refused {

		Instant until();

	}

	/** An exchanged token; {@code until} is already shortened by the refresh margin. */
	record Issued(String token, Instant until) implements Outcome {

		@Override
		public String toString() {
			return "Issued[until=" + this.until + ", token=<redacted>]";
		}

	}

	/** An STS refusal to repeat without calling the STS again. */
	record Refused(CallerFault fault, Instant until) implements Outcome {
	}

	/** What a lookup found: the (possibly still running) result and how the cache answered. */
	record Lookup(CompletableFuture<Outcome> result, CacheState state) {
	}

	private final Cache<K, Outcome> results;

	private final ConcurrentMap<K, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();

	private final Clock clock;

	TokenCache(long maximumSize, Clock clock) {
		this.clock = clock;
		// Caffeine only compares ticker readings; counting from construction keeps the numbers small.
		long origin = nanos(clock.instant());
		this.results = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.executor(Runnable::run)
			.ticker(() -> nanos(clock.instant()) - origin)
			.expireAfter(Expiry.<K, Outcome>writing((key, outcome) -> remaining(outcome)))
			.build();
	}

	/**
	 * Returns the fresh cached outcome, joins a running load, or starts {@code loader} (exactly one caller per key
	 * does). A load that fails (a dependency failure) is not kept: the next request tries again.
	 */
	Lookup get(K key, Supplier<CompletableFuture<Outcome>> loader) {
		Lookup cached = cached(key);
		if (cached != null) {
			return cached;
		}
		CompletableFuture<Outcome> mine = new CompletableFuture<>();
		CompletableFuture<Outcome> running = this.inFlight.putIfAbsent(key, mine);
		if (running != null) {
			return new Lookup(running, CacheState.JOINED);
		}
		// A load may have finished between the first look and claiming the flight.
		cached = cached(key);
		if (cached != null) {
			this.inFlight.remove(key, mine);
			cached.result().whenComplete((outcome, error) -> mine.complete(outcome));
			return cached;
		}
		CompletableFuture<Outcome> load;
		try {
			load = loader.get();
		}
		catch (RuntimeException ex) {
			load = CompletableFuture.failedFuture(ex);
		}
		load.whenComplete((outcome, error) -> {
			// Store before leaving the flight, so no request in between finds neither and calls the STS again.
			if (outcome != null && outcome.until().isAfter(this.clock.instant())) {
				this.results.put(key, outcome);
			}
			this.inFlight.remove(key, mine);
			if (error != null) {
				mine.completeExceptionally(error);
			}
			else {
				mine.complete(outcome);
			}
		});
		return new Lookup(mine, CacheState.MISS);
	}

	/**
	 * Drops the cached token for {@code key} if it is {@code rejectedToken} (e.g. an upstream answered 401 to it).
	 * A newer token fetched meanwhile by another request is kept.
	 * @return whether an entry was dropped
	 */
	boolean invalidate(K key, String rejectedToken) {
		boolean[] dropped = { false };
		this.results.asMap().computeIfPresent(key, (k, outcome) -> {
			if (outcome instanceof Issued issued && sameToken(issued.token(), rejectedToken)) {
				dropped[0] = true;
				return null;
			}
			return outcome;
		});
		return dropped[0];
	}

	/** Entries currently held, after pending evictions are applied. */
	long size() {
		this.results.cleanUp();
		return this.results.estimatedSize();
	}

	private Lookup cached(K key) {
		Outcome outcome = this.results.getIfPresent(key);
		if (outcome == null) {
			return null;
		}
		if (!outcome.until().isAfter(this.clock.instant())) {
			this.results.asMap().remove(key, outcome);
			return null;
		}
		CacheState state = (outcome instanceof Issued) ? CacheState.HIT : CacheState.NEGATIVE;
		return new Lookup(CompletableFuture.completedFuture(outcome), state);
	}

	private Duration remaining(Outcome outcome) {
		Duration left = Duration.between(this.clock.instant(), outcome.until());
		return left.isNegative() ? Duration.ZERO : left;
	}

	private static boolean sameToken(String a, String b) {
		return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
				b.getBytes(StandardCharsets.US_ASCII));
	}

	private static long nanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

}
