package dev.tollgate.apikeys.store;

import dev.tollgate.redis.RedisTopology;
import dev.tollgate.testkit.RedisClusterHarness;

/** The cached, announcing key store on a real three-primary Redis Cluster. */
class ClusterCachingOverRedisApiKeyStoreTest extends CachingOverRedisApiKeyStoreTest {

	@Override
	protected RedisTopology topology() {
		return RedisTopology.cluster(RedisClusterHarness.shared().seeds(), false, RedisTopology.Credentials.NONE);
	}

}
