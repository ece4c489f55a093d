package dev.tollgate.filters.ratelimit.store;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisTopology;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.RedisClusterHarness;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A planned failover in a real Redis Cluster while buckets are in use: the replica takes over the bucket's slot with
 * its state, Lettuce follows the redirect and refreshes the topology, and the new primary (which never loaded the
 * script) gets it again through the {@code NOSCRIPT} path. No decision is lost, no restart is needed.
 */
class ClusterFailoverTest {

	@Test
	void tryConsumeWhenPrimaryOfTheBucketFailsOverThenDecisionsContinueWithTheReplicatedState() {
		MutableClock clock = MutableClock.startingNow();
		try (RedisClusterHarness cluster = RedisClusterHarness.dedicated();
				RedisConnector redis = RedisConnector.create(
						RedisTopology.cluster(cluster.seeds(), false, RedisTopology.Credentials.NONE), RedisStores.FAST,
						Clock.systemUTC());
				RedisBucketConnection connection = RedisStores.connection(redis)) {
			LuaBucketStore store = new LuaBucketStore(connection, clock);
			BucketSpec spec = new BucketSpec("p", List.of(Limit.parse("10/1h")));
			String key = "tollgate:test:{failover.agent}";
			for (int i = 0; i < 3; i++) {
				assertThat(consume(store, key, spec).allowed()).isTrue();
			}

			cluster.failoverFor(key);

			Decision after = consume(store, key, spec);
			assertThat(after.allowed()).isTrue();
			assertThat(after.remaining()).containsExactly(6L);
		}
	}

	private static Decision consume(LuaBucketStore store, String key, BucketSpec spec) {
		return store.tryConsume(key, spec, 1).toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
	}

}
