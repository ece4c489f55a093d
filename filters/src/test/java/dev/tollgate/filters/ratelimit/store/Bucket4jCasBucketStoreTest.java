package dev.tollgate.filters.ratelimit.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.tollgate.redis.RedisConnector;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.RedisHarness;

class Bucket4jCasBucketStoreTest extends BucketStoreContract {

	private static RedisConnector redis;

	private static RedisBucketConnection connection;

	@BeforeAll
	static void connect() {
		redis = RedisStores.client(RedisHarness.shared().uri());
		connection = RedisStores.connection(redis);
	}

	@AfterAll
	static void close() {
		connection.close();
		redis.close();
	}

	@Override
	protected BucketStore createStore(MutableClock clock) {
		return new Bucket4jCasBucketStore(connection, clock);
	}

	@Override
	protected boolean sharesBucketsBetweenInstances() {
		return true;
	}

}
