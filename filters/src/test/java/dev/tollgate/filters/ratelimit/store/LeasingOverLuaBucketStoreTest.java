package dev.tollgate.filters.ratelimit.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.tollgate.redis.RedisConnector;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.RedisHarness;

/** The store contract for leases taken from the Lua store on a real Redis; the Cluster variant overrides it. */
class LeasingOverLuaBucketStoreTest extends LeasingBucketStoreContract {

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
	protected BucketStore createSharedStore(MutableClock clock) {
		return new LuaBucketStore(connection, clock);
	}

}
