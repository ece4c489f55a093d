package dev.tollgate.filters.ratelimit.store;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.local.LocalBucket;
import io.github.bucket4j.local.LocalBucketBuilder;


/**
 * Buckets held in this JVM (bucket4j local buckets): the store of a single gateway without Redis, and the
 * per-instance fallback when Redis is unreachable. Bounded in count; an idle bucket is dropped once its longest
 * window has passed, when it would be full again anyway.
 */
public final class InMemoryBucketStore implements BucketStore {

	private final Cache<String, Entry> buckets;

	private final ClockTimeMeter time;

	private final String name;

	/**
	 * @param maxBuckets the most buckets kept; past that the least recently used are dropped (their clients start
	 * from a full bucket again), which bounds memory under a flood of distinct clients
	 */
	public InMemoryBucketStore(Clock clock, long maxBuckets, String name) {
		this.time = new ClockTimeMeter(clock);
		this.name = name;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxBuckets)
			.ticker(this.time::currentTimeNanos)
			.expireAfter(new IdleForLongestWindow())
			.build();
	}

	@Override
	public CompletionStage<Decision> tryConsume(String key, BucketSpec spec, long cost) {
		Entry entry = this.buckets.get(key, k -> newEntry(spec));
		if (!entry.spec.equals(spec)) {
			// The key's policy changed (e.g. an override now applies): start afresh rather than mix limits.
			entry = newEntry(spec);
			this.buckets.put(key, entry);
		}
		VerboseResult<ConsumptionProbe> result = entry.bucket.asVerbose().tryConsumeAndReturnRemaining(cost);
		return CompletableFuture.completedFuture(Decision.of(result));
	}

	@Override
	public String name() {
		return this.name;
	}

	/** Number of buckets currently held (approximate). */
	public long size() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	private Entry newEntry(BucketSpec spec) {
		LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(this.time);
		for (Bandwidth bandwidth : spec.bucket4j().getBandwidths()) {
			builder.addLimit(bandwidth);
		}
		return new Entry(builder.build(), spec);
	}

	private record Entry(LocalBucket bucket, BucketSpec spec) {
	}

	private static final class IdleForLongestWindow implements Expiry<String, Entry> {

		@Override
		public long expireAfterCreate(String key, Entry entry, long now) {
			return entry.spec.longestWindow().toNanos();
		}

		@Override
		public long expireAfterUpdate(String key, Entry entry, long now, long remaining) {
			return entry.spec.longestWindow().toNanos();
		}

		@Override
		public long expireAfterRead(String key, Entry entry, long now, long remaining) {
			return entry.spec.longestWindow().toNanos();
		}

	}

}
