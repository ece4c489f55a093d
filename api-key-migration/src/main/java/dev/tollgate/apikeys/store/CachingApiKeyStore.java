package dev.tollgate.apikeys.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.logs.LogSummary;
import dev.tollgate.logs.LogText;

/**
 * A local cache of hash lookups in front of a shared store, dropped whenever any instance announces a change on the
 * {@link KeyChangeBus}. Every write through this store is announced, so a revocation reaches all instances as fast
 * as pub/sub delivers (milliseconds), and at worst after the cache TTL. Misses are cached too (bounded), so a flood
 * of made-up keys costs one store read per distinct key per TTL.
 * <p>
 * A lookup that was in flight when a change arrived is not cached: a generation counter detects the overlap.
 * <p>
 * When the shared store fails (Redis down or hung), a lookup older than the TTL but younger than the maximum
 * staleness is served rather than failing the request, and counted; a key never looked up fails, so the caller
 * answers 503. A change message, or the re-subscription after an outage, drops stale entries too.
 */
public final class CachingApiKeyStore implements ApiKeyStore {

	private final ApiKeyStore delegate;

	private final KeyChangeBus bus;

	private final Cache<String, Entry> cache;

	private final Ticker ticker;

	private final long ttlNanos;

	private final LongAdder staleServed = new LongAdder();

	private final LogSummary staleLog = new LogSummary(LoggerFactory.getLogger("tollgate.apikeys"),
			"api_key_served_stale", Duration.ofMinutes(1), Clock.systemUTC(), Level.WARN);

	private final AtomicLong generation = new AtomicLong();

	/**
	 * @param ttl how long a lookup is trusted without a change message; zero disables caching
	 * @param maxEntries bound on cached lookups
	 * @param ticker time source of the cache ({@link Ticker#systemTicker()} in production)
	 */
	public CachingApiKeyStore(ApiKeyStore delegate, KeyChangeBus bus, Duration ttl, long maxEntries, Ticker ticker) {
		this(delegate, bus, ttl, ttl, maxEntries, ticker);
	}

	/**
	 * @param maxStaleness how old a lookup may be and still be served while the shared store fails; at least
	 * {@code ttl}
	 */
	public CachingApiKeyStore(ApiKeyStore delegate, KeyChangeBus bus, Duration ttl, Duration maxStaleness,
			long maxEntries, Ticker ticker) {
		if (maxStaleness.compareTo(ttl) < 0) {
			throw new IllegalArgumentException("max staleness " + maxStaleness + " is shorter than the TTL " + ttl);
		}
		this.delegate = delegate;
		this.bus = bus;
		this.ticker = ticker;
		this.ttlNanos = ttl.toNanos();
		// Nothing is ever kept when the maximum staleness is zero (the command line): no cache at all, which also
		// spares a short-lived process Caffeine's class loading.
		this.cache = maxStaleness.isZero() ? null
				: Caffeine.newBuilder()
					.expireAfterWrite(maxStaleness)
					.maximumSize(maxEntries)
					.ticker(ticker)
					.executor(Runnable::run)
					.<String, Entry>build();
		bus.subscribe(keyId -> dropAll());
	}

	@Override
	public CompletionStage<Optional<ApiKeyRecord>> findByHash(String hash) {
		Entry cached = (this.cache != null) ? this.cache.getIfPresent(hash) : null;
		if (cached != null && this.ticker.read() - cached.loadedNanos() < this.ttlNanos) {
			return CompletableFuture.completedFuture(cached.record());
		}
		long started = this.generation.get();
		CompletionStage<Optional<ApiKeyRecord>> lookup;
		try {
			lookup = this.delegate.findByHash(hash);
		}
		catch (RuntimeException ex) {
			lookup = CompletableFuture.failedFuture(ex);
		}
		if (this.cache == null) {
			return lookup;
		}
		CompletionStage<Optional<ApiKeyRecord>> fresh = lookup.thenApply(found -> {
			if (this.generation.get() == started) {
				this.cache.put(hash, new Entry(found, this.ticker.read()));
				if (this.generation.get() != started) {
					this.cache.invalidate(hash);
				}
			}
			return found;
		});
		return (cached == null) ? fresh : fresh.exceptionallyCompose(failure -> {
			// The store failed: the last answer, if no change has been announced since, beats a 503.
			Entry stale = this.cache.getIfPresent(hash);
			if (stale == null) {
				return CompletableFuture.failedFuture(failure);
			}
			this.staleServed.increment();
			this.staleLog.record("store_failed", line -> line.addKeyValue("key_id",
					stale.record().map(r -> LogText.escape(r.keyId())).orElse("unknown")));
			return CompletableFuture.completedFuture(stale.record());
		});
	}

	/** Lookups answered from an entry past its TTL because the shared store failed. */
	public long staleServed() {
		return this.staleServed.sum();
	}

	@Override
	public CompletionStage<Optional<ApiKeyRecord>> findById(String keyId) {
		return this.delegate.findById(keyId);
	}

	@Override
	public CompletionStage<List<ApiKeyRecord>> list() {
		return this.delegate.list();
	}

	@Override
	public CompletionStage<Void> save(ApiKeyRecord record) {
		return this.delegate.save(record).thenCompose(v -> announce(record.keyId()));
	}

	@Override
	public CompletionStage<Boolean> delete(String keyId) {
		return this.delegate.delete(keyId).thenCompose(deleted -> announce(keyId).thenApply(v -> deleted));
	}

	@Override
	public CompletionStage<Void> recordLastUse(Map<String, Instant> lastUseByKeyId) {
		// Last use does not affect decisions: no announcement, no cache drop.
		return this.delegate.recordLastUse(lastUseByKeyId);
	}

	/** Number of cached lookups, for tests and metrics. */
	public long cachedEntries() {
		if (this.cache == null) {
			return 0;
		}
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

	private CompletionStage<Void> announce(String keyId) {
		dropAll();
		return this.bus.publish(keyId);
	}

	private record Entry(Optional<ApiKeyRecord> record, long loadedNanos) {
	}

	private void dropAll() {
		this.generation.incrementAndGet();
		if (this.cache != null) {
			this.cache.invalidateAll();
		}
	}

}
