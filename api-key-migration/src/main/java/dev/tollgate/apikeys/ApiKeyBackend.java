package dev.tollgate.apikeys;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Ticker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.store.CachingApiKeyStore;
import dev.tollgate.apikeys.store.InMemoryApiKeyStore;
import dev.tollgate.apikeys.store.KeyChangeBus;
import dev.tollgate.apikeys.store.LocalKeyChangeBus;
import dev.tollgate.apikeys.store.RedisApiKeyStore;
import dev.tollgate.apikeys.store.RedisKeyChangeBus;
import dev.tollgate.apikeys.usage.InMemoryUsageStore;
import dev.tollgate.apikeys.usage.RedisUsageStore;
import dev.tollgate.apikeys.usage.UsageStore;

/**
 * The stores one gateway instance (or the CLI) works with, assembled the same way everywhere: a key store wrapped in
 * a {@link CachingApiKeyStore} that announces every change on the {@link KeyChangeBus}, and a usage store.
 */
public final class ApiKeyBackend implements AutoCloseable {

	private final CachingApiKeyStore store;

	private final UsageStore usage;

	private final KeyChangeBus bus;

	private final AutoCloseable connections;

	private ApiKeyBackend(CachingApiKeyStore store, UsageStore usage, KeyChangeBus bus, AutoCloseable connections) {
		this.store = store;
		this.usage = usage;
		this.bus = bus;
		this.connections = connections;
	}

	/** Everything in this process's memory (demo, single instance, tests). */
	public static ApiKeyBackend inMemory(ApiKeyStore keys, Duration cacheTtl, long cacheMaxEntries) {
		LocalKeyChangeBus bus = new LocalKeyChangeBus();
		return new ApiKeyBackend(new CachingApiKeyStore(keys, bus, cacheTtl, cacheMaxEntries, Ticker.systemTicker()),
				new InMemoryUsageStore(), bus, () -> {
				});
	}

	/**
	 * Records, usage and change announcements in Redis. Opens two connections on {@code client} (commands and
	 * pub/sub); blocks while connecting, so call it at startup only.
	 * @param prefix namespace of every key and of the channel
	 */
	public static ApiKeyBackend redis(RedisClient client, RedisURI uri, String prefix, Duration cacheTtl,
			long cacheMaxEntries, Duration usageRetention) {
		StatefulRedisConnection<String, String> commands = client.connect(StringCodec.UTF8, uri);
		StatefulRedisPubSubConnection<String, String> pubSub;
		try {
			pubSub = client.connectPubSub(StringCodec.UTF8, uri);
		}
		catch (RuntimeException ex) {
			commands.close();
			throw ex;
		}
		RedisKeyChangeBus bus = new RedisKeyChangeBus(pubSub, commands.async(), prefix);
		CachingApiKeyStore store = new CachingApiKeyStore(new RedisApiKeyStore(commands.async(), prefix), bus,
				cacheTtl, cacheMaxEntries, Ticker.systemTicker());
		return new ApiKeyBackend(store, new RedisUsageStore(commands.async(), prefix, usageRetention), bus, () -> {
			bus.close();
			commands.close();
		});
	}

	/** The key store to use everywhere: cached lookups, announced writes. */
	public CachingApiKeyStore store() {
		return this.store;
	}

	public UsageStore usage() {
		return this.usage;
	}

	public KeyChangeBus bus() {
		return this.bus;
	}

	@Override
	public void close() {
		try {
			this.connections.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException("closing the API-key store connections failed", ex);
		}
	}

}
