package dev.tollgate.filters.ratelimit.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;


/**
 * Takes tokens from the shared store in small leases and spends them in this instance, so a busy client costs one
 * Redis round trip per lease instead of one per request (local pre-aggregation).
 * <p>
 * <b>Never more than the limit.</b> A lease is taken from the shared bucket atomically before any of it is spent,
 * so the fleet together can never allow more than the shared limit. What a lease costs is the other direction:
 * tokens an instance holds but does not spend before the lease expires are not returned (returning them could
 * overfill a bucket that refilled in the meantime), and while one instance holds tokens, another can be refused
 * slightly early. Both are bounded by the lease size, which is at most {@code max-fraction} of the policy's
 * smallest capacity and {@code max-tokens}; policies whose capacity is too small for a lease of two are decided
 * in the shared store on every request, exactly as without leasing.
 * <p>
 * <b>Sized by demand.</b> A client's first request on this instance takes no lease (one-off callers waste
 * nothing); after that each lease is what the client spent here since the previous one, scaled to {@code ttl},
 * plus the requests waiting for it. Concurrent requests of one client wait for one lease instead of each asking
 * Redis.
 * <p>
 * <b>Moderately active clients.</b> A client that calls less often than once per {@code ttl} would never fill a
 * lease of two within it, and would cost a round trip per request (with many such clients, most of the traffic). Its
 * lease lasts {@code maxTtl} instead (never longer than the policy's shortest window) and holds what it spent per
 * that long lately: a client calling every 2 s costs one round trip per five requests. When it stops, what it would
 * have spent in one {@code maxTtl} is stranded, within the same lease bounds as any other.
 * <p>
 * <b>Refusals are exact.</b> When a lease does not fit, the request asks for exactly its own cost. A refusal is
 * remembered until the shared store said the cost would fit again: refill is deterministic and other instances can
 * only take tokens, so nothing could be allowed before then anyway.
 */
public final class LeasingBucketStore implements BucketStore {

	private final BucketStore shared;

	private final Clock clock;

	private final double maxFraction;

	private final long maxTokens;

	private final long ttlMicros;

	private final long maxTtlMicros;

	private final Cache<String, Lease> leases;

	private final LongAdder sharedCalls = new LongAdder();

	/**
	 * @param shared the store every instance shares
	 * @param maxFraction the largest lease as a fraction of the policy's smallest capacity
	 * @param maxTokens the largest lease in tokens
	 * @param ttl how long an instance may spend a lease; unspent tokens are dropped after that
	 * @param maxKeys the most buckets with lease state kept in memory
	 */
	public LeasingBucketStore(BucketStore shared, Clock clock, double maxFraction, long maxTokens, Duration ttl,
			long maxKeys) {
		this(shared, clock, maxFraction, maxTokens, ttl, ttl, maxKeys);
	}

	/**
	 * @param maxTtl the longest a lease of a client calling less often than once per {@code ttl} may last;
	 * {@code ttl} or less: such clients take no lease
	 */
	public LeasingBucketStore(BucketStore shared, Clock clock, double maxFraction, long maxTokens, Duration ttl,
			Duration maxTtl, long maxKeys) {
		this.shared = shared;
		this.clock = clock;
		this.maxFraction = maxFraction;
		this.maxTokens = maxTokens;
		this.ttlMicros = Math.max(1, ttl.toNanos() / 1_000);
		this.maxTtlMicros = Math.max(this.ttlMicros, maxTtl.toNanos() / 1_000);
		// Idle state is only worth keeping while a lease or a refusal could still be used; the longest refusal
		// is bounded by the window, and dropping one early only costs a round trip.
		this.leases = Caffeine.newBuilder()
			.maximumSize(maxKeys)
			.expireAfterAccess(Math.max(Math.max(ttl.toMillis() * 4, maxTtl.toMillis() * 2), 1_000),
					TimeUnit.MILLISECONDS)
			.build();
	}

	@Override
	public CompletionStage<Decision> tryConsume(String key, BucketSpec spec, long cost) {
		long largest = largestLease(spec);
		if (largest < 2 || cost * 2 > largest) {
			return callShared(key, spec, cost);
		}
		Lease lease = this.leases.get(key, k -> new Lease(spec));
		if (!lease.spec.equals(spec)) {
			lease = new Lease(spec);
			this.leases.put(key, lease);
		}
		return consume(key, lease, cost, largest);
	}

	private CompletionStage<Decision> consume(String key, Lease lease, long cost, long largest) {
		long now = nowMicros();
		long want;
		CompletableFuture<Void> acquired;
		synchronized (lease) {
			Decision local = lease.tryLocal(now, cost);
			if (local != null) {
				return CompletableFuture.completedFuture(local);
			}
			if (lease.pending != null) {
				// Another request of this client is already asking the shared store: wait for its lease.
				lease.waiting++;
				return lease.pending.thenCompose(ignored -> consume(key, lease, cost, largest));
			}
			want = lease.nextSize(now, cost, largest);
			acquired = new CompletableFuture<>();
			lease.pending = acquired;
		}
		return callShared(key, lease.spec, want).thenCompose(decision -> {
			if (decision.allowed()) {
				return CompletableFuture.completedFuture(new Taken(decision, want - cost));
			}
			if (want == cost) {
				return CompletableFuture.completedFuture(new Taken(decision, 0));
			}
			// The lease no longer fits: near the limit, decide this request alone.
			return callShared(key, lease.spec, cost).thenApply(exact -> new Taken(exact, 0));
		}).whenComplete((taken, failure) -> {
			synchronized (lease) {
				lease.pending = null;
				if (taken != null) {
					lease.record(now, taken, cost);
				}
			}
			// Waiters retry whatever happened: with the shared store down they reach it (and its failure) themselves.
			acquired.complete(null);
		}).thenApply(taken -> taken.answer(lease.spec));
	}

	/** A shared-store decision and the tokens beyond the request's own cost it leased to this instance. */
	private record Taken(Decision decision, long leased) {

		/**
		 * What the request that took the lease is told: the shared count plus the tokens now leased here, as for
		 * the requests served from the lease after it (the shared count alone would understate what this instance
		 * may still allow, and the next request's estimate would rise above it).
		 */
		Decision answer(BucketSpec spec) {
			if (this.leased == 0) {
				return this.decision;
			}
			List<Long> shared = this.decision.remaining();
			List<Long> remaining = new ArrayList<>(shared.size());
			for (int i = 0; i < shared.size(); i++) {
				remaining.add(Math.min(spec.limits().get(i).capacity(), shared.get(i) + this.leased));
			}
			return new Decision(true, remaining, 0);
		}

	}

	private CompletionStage<Decision> callShared(String key, BucketSpec spec, long cost) {
		this.sharedCalls.increment();
		try {
			return this.shared.tryConsume(key, spec, cost);
		}
		catch (RuntimeException ex) {
			// As a failed stage, so a pending lease is always released and its waiters retry.
			return CompletableFuture.failedFuture(ex);
		}
	}

	long largestLease(BucketSpec spec) {
		return Math.min(this.maxTokens, (long) Math.floor(spec.minCapacity() * this.maxFraction));
	}

	@Override
	public boolean isAvailable() {
		return this.shared.isAvailable();
	}

	@Override
	public String name() {
		return this.shared.name();
	}

	/** The store leases are taken from. */
	public BucketStore delegate() {
		return this.shared;
	}

	/** Calls made to the shared store so far (one per lease, per exact decision and per refusal). */
	public long sharedCalls() {
		return this.sharedCalls.sum();
	}

	private long nowMicros() {
		Instant now = this.clock.instant();
		return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
	}

	/** One bucket's lease in this instance. Guarded by its own monitor; held only for a few field updates. */
	private final class Lease {

		final BucketSpec spec;

		/** Leased tokens not spent yet, valid until {@link #expiresAt}. */
		long tokens;

		long expiresAt;

		/** The shared bucket's whole tokens per limit when the last lease or decision was taken. */
		long[] remaining;

		/** Cost units spent here since the last call to the shared store, and when that call was made. */
		long spentSince;

		long lastCallAt = Long.MIN_VALUE;

		/** The last refusal: requests costing at least {@link #refusedCost} fail until this time. */
		long refusedUntil;

		long refusedCost = Long.MAX_VALUE;

		/** What the shared store reported left in each limit when it refused: a remembered refusal says the same. */
		List<Long> refusedRemaining;

		/** How long the next lease lasts: {@code ttl}, or longer for a moderately active client. */
		long horizon = LeasingBucketStore.this.ttlMicros;

		/** The longest a stretched lease may last for this policy: {@code maxTtl} within its shortest window. */
		final long stretchLimit;

		/** Requests that waited for the pending lease; counted into the next lease's size. */
		int waiting;

		CompletableFuture<Void> pending;

		Lease(BucketSpec spec) {
			this.spec = spec;
			long shortestWindow = spec.limits().stream().mapToLong((l) -> l.window().toNanos() / 1_000).min().orElse(0);
			this.stretchLimit = Math.min(LeasingBucketStore.this.maxTtlMicros, shortestWindow);
		}

		Decision tryLocal(long now, long cost) {
			if (now < this.refusedUntil && cost >= this.refusedCost) {
				return new Decision(false, this.refusedRemaining, (this.refusedUntil - now) * 1_000);
			}
			if (this.tokens >= cost && now < this.expiresAt) {
				this.tokens -= cost;
				this.spentSince += cost;
				return new Decision(true, estimate(), 0);
			}
			return null;
		}

		/**
		 * Enough for what this client spent here per lease horizon lately, and for the requests now waiting. The
		 * horizon is {@code ttl}, or {@link #stretchLimit} for a client slower than one call per {@code ttl}.
		 */
		long nextSize(long now, long cost, long largest) {
			long demand = cost * (1 + this.waiting);
			this.waiting = 0;
			long ttl = LeasingBucketStore.this.ttlMicros;
			this.horizon = ttl;
			if (this.lastCallAt != Long.MIN_VALUE) {
				long elapsed = Math.max(1, now - this.lastCallAt);
				if (elapsed > ttl) {
					this.horizon = Math.max(ttl, this.stretchLimit);
				}
				double perHorizon = (this.spentSince + cost) * (double) this.horizon / elapsed;
				demand = Math.max(demand, (long) Math.ceil(perHorizon));
			}
			return Math.max(cost, Math.min(largest, demand));
		}

		void record(long now, Taken taken, long cost) {
			Decision decision = taken.decision();
			this.lastCallAt = now;
			this.spentSince = 0;
			this.remaining = decision.remaining().stream().mapToLong(Long::longValue).toArray();
			if (decision.allowed()) {
				this.refusedUntil = 0;
				this.refusedCost = Long.MAX_VALUE;
				// Leftovers of a lease that has not expired stay spendable next to the new one.
				this.tokens = ((now < this.expiresAt) ? this.tokens : 0) + taken.leased();
				this.expiresAt = now + this.horizon;
			}
			else {
				this.refusedUntil = now + Math.max(1, decision.retryAfterNanos() / 1_000);
				this.refusedCost = cost;
				this.refusedRemaining = decision.remaining();
			}
		}

		private List<Long> estimate() {
			List<Long> estimate = new ArrayList<>(this.remaining.length);
			List<Limit> limits = this.spec.limits();
			for (int i = 0; i < this.remaining.length; i++) {
				estimate.add(Math.min(limits.get(i).capacity(), this.remaining[i] + this.tokens));
			}
			return estimate;
		}

	}

}
