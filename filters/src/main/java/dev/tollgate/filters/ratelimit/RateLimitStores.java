package dev.tollgate.filters.ratelimit;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tollgate.filters.ratelimit.RateLimitProperties;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.filters.ratelimit.store.Bucket4jCasBucketStore;
import dev.tollgate.filters.ratelimit.store.BucketStore;
import dev.tollgate.filters.ratelimit.store.InMemoryBucketStore;
import dev.tollgate.filters.ratelimit.store.LeasingBucketStore;
import dev.tollgate.filters.ratelimit.store.LuaBucketStore;
import dev.tollgate.filters.ratelimit.store.RedisBucketConnection;

/**
 * The stores the rate limiter uses: with Redis, the shared Redis store (Lua or compare-and-swap, behind a
 * {@link LeasingBucketStore} unless {@code lease.enabled} is off) plus in-memory buckets for the {@code local}
 * failure policy; without Redis, in-memory buckets only. Owns the Redis connection.
 */
public final class RateLimitStores implements AutoCloseable {

	private final BucketStore shared;

	private final BucketStore local;

	private final RedisBucketConnection connection;

	private RateLimitStores(BucketStore shared, BucketStore local, RedisBucketConnection connection) {
		this.shared = shared;
		this.local = local;
		this.connection = connection;
	}

	/** In-memory buckets only: one gateway instance. */
	public static RateLimitStores inMemory(RateLimitProperties properties, Clock clock) {
		return new RateLimitStores(new InMemoryBucketStore(clock, properties.localMaxBuckets(), "memory"), null,
				null);
	}

	/** Shared buckets in Redis, with in-memory buckets for the {@code local} failure policy. */
	public static RateLimitStores redis(RedisConnector redis, RateLimitProperties properties, Clock clock) {
		RedisBucketConnection connection = new RedisBucketConnection(redis);
		BucketStore redisStore = switch (properties.redisEngine()) {
			case LUA -> new LuaBucketStore(connection, clock);
			case CAS -> new Bucket4jCasBucketStore(connection, clock);
		};
		RateLimitProperties.Lease lease = properties.lease();
		BucketStore shared = lease.enabled() ? new LeasingBucketStore(redisStore, clock, lease.maxFraction(),
				lease.maxTokens(), lease.ttl(), lease.maxTtl(), properties.localMaxBuckets()) : redisStore;
		BucketStore local = new InMemoryBucketStore(clock, properties.localMaxBuckets(), "local");
		return new RateLimitStores(shared, local, connection);
	}

	public BucketStore shared() {
		return this.shared;
	}

	/** In-memory fallback buckets, or {@code null} without Redis. */
	public BucketStore local() {
		return this.local;
	}

	/** Completes once the shared store can be used: at once in memory, with Redis when first connected. */
	public CompletionStage<?> ready() {
		return (this.connection != null) ? this.connection.firstOpened() : CompletableFuture.completedFuture(null);
	}

	@Override
	public void close() {
		if (this.connection != null) {
			this.connection.close();
		}
	}

}
