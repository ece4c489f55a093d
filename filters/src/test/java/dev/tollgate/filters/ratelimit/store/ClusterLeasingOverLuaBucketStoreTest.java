package dev.tollgate.filters.ratelimit.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.tollgate.redis.RedisConnector;
import dev.tollgate.testkit.MutableClock;

/** The store contract for leases taken from the Lua store on a real three-primary Redis Cluster. */
class ClusterLeasingOverLuaBucketStoreTest extends LeasingBucketStoreContract {

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
	protected BucketStore createSharedStore(MutableClock clock) {
		return new LuaBucketStore(connection, clock);
	}

}
