package dev.tollgate.filters.ratelimit.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import dev.tollgate.redis.RedisConnector;

/**
 * Buckets in Redis through bucket4j's Lettuce compare-and-swap proxy manager, used asynchronously. Each attempt
 * reads the bucket ({@code GET}) and writes it back only if unchanged ({@code EVAL}); on a hot key, concurrent
 * gateways retry, so round trips grow with contention (see {@link #commandsSent()}).
 */
public final class Bucket4jCasBucketStore implements BucketStore {

	/** Keep a full bucket a little longer than needed, to absorb clock skew between gateways. */
	private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(1);

	private final RedisBucketConnection connection;

	private final ClockTimeMeter time;

	private final LongAdder gets = new LongAdder();

	private final LongAdder evals = new LongAdder();

	private volatile Bound bound;

	public Bucket4jCasBucketStore(RedisBucketConnection connection, Clock clock) {
		this.connection = connection;
		this.time = new ClockTimeMeter(clock);
	}

	@Override
	public CompletionStage<Decision> tryConsume(String key, BucketSpec spec, long cost) {
		StatefulConnection<String, byte[]> open = this.connection.openConnection();
		if (open == null) {
			return CompletableFuture.failedFuture(new StoreUnavailableException("redis connection not open"));
		}
		try {
			return proxyManager(open).builder()
				.build(key, () -> CompletableFuture.completedFuture(spec.bucket4j()))
				.asVerbose()
				.tryConsumeAndReturnRemaining(cost)
				.thenApply(Decision::of);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public boolean isAvailable() {
		return this.connection.openConnection() != null;
	}

	@Override
	public String name() {
		return "redis-cas";
	}

	/** Redis commands sent so far: every compare-and-swap attempt is one {@code GET} and one {@code EVAL}. */
	public long commandsSent() {
		return this.gets.sum() + this.evals.sum();
	}

	/** {@code GET}s sent so far, one per attempt. */
	public long getsSent() {
		return this.gets.sum();
	}

	private AsyncProxyManager<String> proxyManager(StatefulConnection<String, byte[]> open) {
		Bound current = this.bound;
		if (current != null && current.connection == open) {
			return current.proxyManager;
		}
		// Same builder as Bucket4jLettuce.casBasedBuilder(connection), over a RedisApi that counts round trips.
		AsyncProxyManager<String> proxyManager = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(
				new CountingRedisApi<>(RedisConnector.async(open)))
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
			.clientClock(this.time)
			.build()
			.asAsync();
		this.bound = new Bound(open, proxyManager);
		return proxyManager;
	}

	private record Bound(StatefulConnection<String, byte[]> connection, AsyncProxyManager<String> proxyManager) {
	}

	/** Generic in K on purpose: bucket4j passes keys as {@code Object[]}, so a {@code String[]} signature fails. */
	private final class CountingRedisApi<K> implements RedisApi<K> {

		private final RedisClusterAsyncCommands<K, byte[]> commands;

		CountingRedisApi(RedisClusterAsyncCommands<K, byte[]> commands) {
			this.commands = commands;
		}

		@Override
		public <V> RedisFuture<V> eval(String script, ScriptOutputType type, K[] keys, byte[][] args) {
			Bucket4jCasBucketStore.this.evals.increment();
			return this.commands.eval(script, type, keys, args);
		}

		@Override
		public RedisFuture<byte[]> get(K key) {
			Bucket4jCasBucketStore.this.gets.increment();
			return this.commands.get(key);
		}

		@Override
		public RedisFuture<?> delete(K key) {
			return this.commands.del(key);
		}

	}

}
