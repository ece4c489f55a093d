package dev.tollgate.apikeys.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import dev.tollgate.apikeys.ApiKeyRecord;

/**
 * A local cache of hash lookups in front of a shared store, dropped whenever any instance announces a change on the
 * {@link KeyChangeBus}. Every write through this store is announced, so a revocation reaches all instances as fast
 * as pub/sub delivers (milliseconds), and at worst after the cache TTL. Misses are cached too (bounded), so a flood
 * of made-up keys costs one store read per distinct key per TTL.
 * <p>
 * A lookup that was in flight when a change arrived is not cached: a generation counter detects the overlap.
 */
public final class CachingApiKeyStore implements ApiKeyStore {

	private final ApiKeyStore delegate;

	private final KeyChangeBus bus;

	private final Cache<String, Optional<ApiKeyRecord>> cache;

	private final AtomicLong generation = new AtomicLong();

	/**
	 * @param ttl how long a lookup is trusted without a change message; zero disables caching
	 * @param maxEntries bound on cached lookups
	 * @param ticker time source of the cache ({@link Ticker#systemTicker()} in production)
	 */
	public CachingApiKeyStore(ApiKeyStore delegate, KeyChangeBus bus, Duration ttl, long maxEntries, Ticker ticker) {
		this.delegate = delegate;
		this.bus = bus;
		this.cache = Caffeine.newBuilder()
			.expireAfterWrite(ttl)
			.maximumSize(ttl.isZero() ? 0 : maxEntries)
			.ticker(ticker)
			.executor(Runnable::run)
			.build();
		bus.subscribe(keyId -> dropAll());
	}

	@Override
	public CompletionStage<Optional<ApiKeyRecord>> findByHash(String hash) {
		Optional<ApiKeyRecord> cached = this.cache.getIfPresent(hash);
		if (cached != null) {
			return CompletableFuture.completedFuture(cached);
		}
		long started = this.generation.get();
		return this.delegate.findByHash(hash).thenApply(found -> {
			if (this.generation.get() == started) {
				this.cache.put(hash, found);
				if (this.generation.get() != started) {
					this.cache.invalidate(hash);
				}
			}
			return found;
		});
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
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

	private CompletionStage<Void> announce(String keyId) {
		dropAll();
		return this.bus.publish(keyId);
	}

	private void dropAll() {
		this.generation.incrementAndGet();
		this.cache.invalidateAll();
	}

}
