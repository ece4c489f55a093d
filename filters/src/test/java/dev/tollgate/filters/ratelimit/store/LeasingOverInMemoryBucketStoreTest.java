package dev.tollgate.filters.ratelimit.store;

import dev.tollgate.testkit.MutableClock;

/** The store contract for leases taken from in-memory buckets, which stand in for Redis shared by instances. */
class LeasingOverInMemoryBucketStoreTest extends LeasingBucketStoreContract {

	private final InMemoryBucketStore shared = new InMemoryBucketStore(this.clock, 1_000, "memory");

	@Override
	protected BucketStore createSharedStore(MutableClock clock) {
		return this.shared;
	}

}
