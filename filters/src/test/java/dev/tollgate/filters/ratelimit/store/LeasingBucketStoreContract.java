package dev.tollgate.filters.ratelimit.store;

import java.time.Duration;

import dev.tollgate.testkit.MutableClock;

/**
 * The bucket store contract for {@link LeasingBucketStore} over a shared store each subclass builds. Leases here
 * may take a policy's whole capacity, at most four tokens, so that even the contract's small policies are decided
 * through leases, remembered refusals and the exact fallback near the limit, not only in the shared store (the
 * gateway's defaults lease only from capacities of 200).
 */
abstract class LeasingBucketStoreContract extends BucketStoreContract {

	private static final long MAX_LEASE = 4;

	/** The store every instance shares; each call is one more instance's view of the same buckets. */
	protected abstract BucketStore createSharedStore(MutableClock clock);

	@Override
	protected final BucketStore createStore(MutableClock clock) {
		return new LeasingBucketStore(createSharedStore(clock), clock, 1.0, MAX_LEASE, Duration.ofSeconds(1), 1_000);
	}

	@Override
	protected final boolean sharesBucketsBetweenInstances() {
		return true;
	}

	/** Each instance may end holding one lease unspent, which the other is refused meanwhile (class javadoc). */
	@Override
	protected final long earlyRefusalBound(BucketSpec spec) {
		return 2 * ((LeasingBucketStore) store()).largestLease(spec);
	}

}
