package dev.tollgate.filters.ratelimit.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.tollgate.redis.RedisClientSettings;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisTopology;
import dev.tollgate.testkit.RedisClusterHarness;
import dev.tollgate.testkit.RedisHarness;

/** Builds Redis-backed stores against a test Redis, waiting until their connection is open. */
public final class RedisStores {

	/** The gateway's defaults, retrying and probing faster so outage tests see changes quickly. */
	static final RedisClientSettings FAST = new RedisClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
			Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(30));

	private RedisStores() {
	}

	public static RedisConnector client(String url) {
		return RedisConnector.create(RedisTopology.fromUrl(url, RedisTopology.Credentials.NONE), FAST,
				Clock.systemUTC());
	}

	/** A client of the JVM-wide test Redis Cluster (three primaries). */
	static RedisConnector cluster() {
		return RedisConnector.create(
				RedisTopology.cluster(RedisClusterHarness.shared().seeds(), false, RedisTopology.Credentials.NONE),
				FAST, Clock.systemUTC());
	}

	static RedisBucketConnection connection(RedisConnector redis) {
		RedisBucketConnection connection = new RedisBucketConnection(redis);
		connection.firstOpened().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
		return connection;
	}

	/** Two gateway instances' connections to one test Redis. */
	record TwoInstances(RedisConnector redis, RedisBucketConnection first, RedisBucketConnection second)
			implements AutoCloseable {

		static TwoInstances open() {
			return open(client(RedisHarness.shared().uri()));
		}

		/** Two connections on {@code redis}, which the pair then owns. */
		static TwoInstances open(RedisConnector redis) {
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
