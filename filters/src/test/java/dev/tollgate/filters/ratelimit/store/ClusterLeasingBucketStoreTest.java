package dev.tollgate.filters.ratelimit.store;

/** Leases on a real three-primary Redis Cluster: two instances together still never exceed the limit. */
class ClusterLeasingBucketStoreTest extends LeasingBucketStoreTest {

	@Override
	protected RedisStores.TwoInstances open() {
		return RedisStores.TwoInstances.open(RedisStores.cluster());
	}

}
