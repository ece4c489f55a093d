package dev.tollgate.apikeys;

import dev.tollgate.redis.RedisTopology;
import dev.tollgate.testkit.RedisClusterHarness;

/** Revocations reach every instance through pub/sub on a real three-primary Redis Cluster too. */
class ClusterRedisRevocationPropagationTest extends RedisRevocationPropagationTest {

	@Override
	protected RedisTopology topology() {
		return RedisTopology.cluster(RedisClusterHarness.shared().seeds(), false, RedisTopology.Credentials.NONE);
	}

}
