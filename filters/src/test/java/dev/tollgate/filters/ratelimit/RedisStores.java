package dev.tollgate.filters.ratelimit;

import java.time.Duration;

import dev.tollgate.filters.config.TollgateRedis;
import dev.tollgate.filters.config.TollgateRedisProperties;

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

}
