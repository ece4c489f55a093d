package dev.tollgate.filters.ratelimit.store;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.redis.RedisConnector;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.RedisHarness;

import static org.assertj.core.api.Assertions.assertThat;

class LuaBucketStoreTest extends BucketStoreContract {

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

	@Test
	void tryConsumeWhenRedisLostItsScriptCacheThenStillDecides() {
		BucketSpec spec = new BucketSpec("p", List.of(Limit.parse("5/1m")));
		String key = "tollgate:test:{" + UUID.randomUUID() + "}";
		LuaBucketStore store = new LuaBucketStore(connection, this.clock);
		store.tryConsume(key, spec, 1).toCompletableFuture().join();
		connection.commands().scriptFlush().toCompletableFuture().join();

		Decision decision = store.tryConsume(key, spec, 1).toCompletableFuture().join();

		assertThat(decision.remaining()).containsExactly(3L);
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
