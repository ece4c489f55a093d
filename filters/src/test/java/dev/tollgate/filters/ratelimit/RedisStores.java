package dev.tollgate.filters.ratelimit;

import java.time.Duration;

import dev.tollgate.filters.config.TollgateRedis;
import dev.tollgate.filters.config.TollgateRedisProperties;
import dev.tollgate.testkit.RedisHarness;

/** Builds Redis-backed stores against a test Redis, waiting until their connection is open. */
final class RedisStores {

	private RedisStores() {
	}

	static TollgateRedis client(String url) {
		TollgateRedisProperties properties = new TollgateRedisProperties();
		properties.setUrl(url);
		return TollgateRedis.create(properties);
	}

	static RedisBucketConnection connection(TollgateRedis redis) {
		RedisBucketConnection connection = new RedisBucketConnection(redis.client(), redis.url(),
				Duration.ofMillis(100));
		connection.firstOpened().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
		return connection;
	}

	/** Two gateway instances' connections to one test Redis. */
	record TwoInstances(TollgateRedis redis, RedisBucketConnection first, RedisBucketConnection second)
			implements AutoCloseable {

		static TwoInstances open() {
			TollgateRedis redis = client(RedisHarness.shared().uri());
			return new TwoInstances(redis, connection(redis), connection(redis));
		}

		@Override
		public void close() {
			this.first.close();
			this.second.close();
			this.redis.close();
		}

	}

}
