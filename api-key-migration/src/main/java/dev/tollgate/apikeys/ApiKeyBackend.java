package dev.tollgate.apikeys;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Ticker;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
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
import dev.tollgate.redis.BackgroundConnection;
import dev.tollgate.redis.RedisCommandsSource;
import dev.tollgate.redis.RedisConnector;

/**
 * The stores one gateway instance (or the CLI) works with, assembled the same way everywhere: a key store wrapped in
 * a {@link CachingApiKeyStore} that announces every change on the {@link KeyChangeBus}, and a usage store.
 */
public final class ApiKeyBackend implements AutoCloseable {

	private final CachingApiKeyStore store;

	private final UsageStore usage;

	/** Where the usage flush records each key's last use: in Redis, over the usage connection. */
	private final ApiKeyStore lastUse;

	private final KeyChangeBus bus;

	private final AutoCloseable connections;

	private final Consumer<Consumer<RedisClusterAsyncCommands<String, String>>> onConnect;

	private final CompletionStage<?> connected;

	private ApiKeyBackend(CachingApiKeyStore store, UsageStore usage, ApiKeyStore lastUse, KeyChangeBus bus,
			AutoCloseable connections, Consumer<Consumer<RedisClusterAsyncCommands<String, String>>> onConnect,
			CompletionStage<?> connected) {
		this.store = store;
		this.usage = usage;
		this.lastUse = lastUse;
		this.bus = bus;
		this.connections = connections;
		this.onConnect = onConnect;
		this.connected = connected;
	}

	/** Everything in this process's memory (demo, single instance, tests). */
	public static ApiKeyBackend inMemory(ApiKeyStore keys, Duration cacheTtl, long cacheMaxEntries) {
		LocalKeyChangeBus bus = new LocalKeyChangeBus();
		CachingApiKeyStore store = new CachingApiKeyStore(keys, bus, cacheTtl, cacheMaxEntries, Ticker.systemTicker());
		return new ApiKeyBackend(store, new InMemoryUsageStore(), store, bus, () -> {
				}, action -> {
				}, CompletableFuture.completedFuture(null));
	}

	/**
	 * Records, usage and change announcements in Redis, on any topology. Opens three connections (lookups, usage
	 * writes and pub/sub) in the background: nothing waits for Redis, so this works while Redis is down. Until it
	 * answers, lookups fail (503 for the caller) except those cached within {@code maxStaleness}. Usage writes have
	 * a connection of their own because a flush is a burst of commands (four per key used since the last one):
	 * on the lookups' connection, a request's lookup would wait behind all of them.
	 * @param prefix namespace of every key and of the channel
	 * @param cacheTtl how long a lookup is trusted without a change message
	 * @param maxStaleness how old a cached lookup may be and still be served while Redis fails
	 */
	public static ApiKeyBackend redis(RedisConnector redis, String prefix, Duration cacheTtl, Duration maxStaleness,
			long cacheMaxEntries, Duration usageRetention) {
		BackgroundConnection<StatefulConnection<String, String>> commands = redis.commands("api-keys",
				StringCodec.UTF8);
		BackgroundConnection<StatefulRedisPubSubConnection<String, String>> pubSub = redis.pubSub("api-key-changes",
				StringCodec.UTF8);
		BackgroundConnection<StatefulConnection<String, String>> usageCommands = redis.commands("api-key-usage",
				StringCodec.UTF8);
		RedisCommandsSource<String, String> source = RedisCommandsSource.of(commands, redis.status());
		RedisCommandsSource<String, String> usageSource = RedisCommandsSource.of(usageCommands, redis.status());
		RedisKeyChangeBus bus = new RedisKeyChangeBus(pubSub, source, prefix);
		CachingApiKeyStore store = new CachingApiKeyStore(new RedisApiKeyStore(source, prefix), bus, cacheTtl,
				maxStaleness, cacheMaxEntries, Ticker.systemTicker());
		return new ApiKeyBackend(store, new RedisUsageStore(usageSource, prefix, usageRetention),
				new RedisApiKeyStore(usageSource, prefix), bus, () -> {
					bus.close();
					usageCommands.close();
					commands.close();
				}, action -> commands.whenOpened(open -> action.accept(RedisConnector.async(open))),
				CompletableFuture.allOf(commands.firstOpened().toCompletableFuture(),
						usageCommands.firstOpened().toCompletableFuture()));
	}

	/**
	 * Records and usage in Redis for a short-lived administration process (the {@code keys} command line), over one
	 * command connection the caller opened and closes: nothing cached, and every change announced to the running
	 * gateways with {@code PUBLISH} on that same connection, with no subscription of its own.
	 * @param commands the caller's connection, e.g. a {@code DirectRedisConnection}
	 * @param prefix namespace of every key and of the channel
	 */
	public static ApiKeyBackend redisAdministration(RedisCommandsSource<String, String> commands, String prefix,
			Duration usageRetention) {
		RedisKeyChangeBus bus = RedisKeyChangeBus.publishOnly(commands, prefix);
		CachingApiKeyStore store = new CachingApiKeyStore(new RedisApiKeyStore(commands, prefix), bus, Duration.ZERO,
				0, Ticker.systemTicker());
		return new ApiKeyBackend(store, new RedisUsageStore(commands, prefix, usageRetention), store, bus, bus::close,
				action -> {
					RedisClusterAsyncCommands<String, String> open = commands.commands();
					if (open != null) {
						action.accept(open);
					}
				}, CompletableFuture.completedFuture(null));
	}

	/**
	 * Completes once the command connections (lookups and usage) have opened (at once in memory). The gateway does
	 * not wait for it; a command-line session does, so its first command is not refused as "Redis not reachable".
	 */
	public CompletionStage<?> connected() {
		return this.connected;
	}

	/** Runs {@code action} with the Redis commands once first connected (e.g. a startup check); never in memory. */
	public void whenConnected(Consumer<RedisClusterAsyncCommands<String, String>> action) {
		this.onConnect.accept(action);
	}

	/** The key store to use everywhere: cached lookups, announced writes. */
	public CachingApiKeyStore store() {
		return this.store;
	}

	public UsageStore usage() {
		return this.usage;
	}

	/**
	 * The store the usage flush records last-use times in ({@link ApiKeyStore#recordLastUse}): with Redis, over the
	 * usage connection, so a flush never queues ahead of request-path lookups.
	 */
	public ApiKeyStore lastUseStore() {
		return this.lastUse;
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
