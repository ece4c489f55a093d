package dev.tollgate.filters.ratelimit.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.tollgate.redis.RedisConnector;
import dev.tollgate.testkit.MutableClock;

/**
 * The bucket contract on a real three-primary Redis Cluster: buckets spread over the slots, and every command
 * (the decision script included) stays on its key's slot, or Redis would answer {@code CROSSSLOT}.
 */
class ClusterLuaBucketStoreTest extends BucketStoreContract {

	private static RedisConnector redis;

	private static RedisBucketConnection connection;

	@BeforeAll
	static void connect() {
		redis = RedisStores.cluster();
		connection = RedisStores.connection(redis);
	}

	@AfterAll
	static void close() {
		connection.close();
		redis.close();
	}

	@Override
	protected BucketStore createStore(MutableClock clock) {
		return new LuaBucketStore(connection, clock);
	}

	@Override
	protected boolean sharesBucketsBetweenInstances() {
		return true;
	}

}
