package dev.tollgate.filters.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisConnectionException;
import reactor.core.publisher.Mono;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.ratelimit.store.BucketKeys;
import dev.tollgate.filters.ratelimit.store.BucketStore;
import dev.tollgate.filters.ratelimit.store.Decision;
import dev.tollgate.filters.ratelimit.store.StoreUnavailableException;
import dev.tollgate.filters.ratelimit.store.BucketSpec;

/**
 * Decides whether an authenticated caller may spend {@code cost} on a route. The bucket is keyed by the route id and
 * the caller's client id from its {@link CallerIdentity}, nothing a client can set in a header. The client's
 * override policy, if any, replaces the route's. When the shared store fails or is slower than the store timeout,
 * the configured {@link StoreFailurePolicy} decides, and the fallback is counted and (sparingly) logged. The next
 * request tries the shared store again, so shared limits resume as soon as it answers.
 */
public final class ClientRateLimiter {

	private final RateLimitPolicies policies;

	private final BucketStore shared;

	private final BucketStore local;

	private final StoreFailurePolicy failurePolicy;

	private final Duration storeTimeout;

	private final int instanceCount;

	private final BucketKeys keys;

	private final KeyMemo sharedKeys;

	private final RateLimitMetrics metrics;

	private final FallbackLog fallbackLog;

	private final Duration unavailableRetryAfter;

	private final Map<BucketSpec, BucketSpec> localShares = new ConcurrentHashMap<>();

	/**
	 * @param shared the store every instance shares (Redis), or the in-memory store of a lone gateway
	 * @param local per-instance buckets for the {@code local} failure policy; may be {@code null} when
	 * {@code shared} is itself in memory and cannot fail
	 */
	public ClientRateLimiter(RateLimitPolicies policies, BucketStore shared, BucketStore local,
			RateLimitProperties properties, RateLimitMetrics metrics, Clock clock) {
		this.policies = policies;
		this.shared = shared;
		this.local = local;
		this.failurePolicy = properties.onStoreFailure();
		this.storeTimeout = properties.storeTimeout();
		this.instanceCount = properties.instanceCount();
		this.keys = new BucketKeys(properties.keyPrefix());
		this.sharedKeys = new KeyMemo(this.keys, shared);
		this.unavailableRetryAfter = properties.unavailableRetryAfter();
		this.metrics = metrics;
		metrics.storeInUse(shared.name());
		this.fallbackLog = new FallbackLog(clock, properties.fallbackLogInterval());
	}

	public RateLimitPolicies policies() {
		return this.policies;
	}

	/** {@code Retry-After} for the 503 of the {@code deny} failure policy. */
	public Duration unavailableRetryAfter() {
		return this.unavailableRetryAfter;
	}

	/**
	 * @param routePolicy the route's policy; a client override replaces it
	 * @param cost units this request costs, at least 1
	 */
	public Mono<Verdict> check(String routeId, BucketSpec routePolicy, long cost, CallerIdentity caller) {
		return Mono.defer(() -> decide(routeId, routePolicy, cost, caller).toMono());
	}

	/**
	 * The same verdict, ready now when the store decided without waiting (a lease, a remembered refusal, memory);
	 * otherwise later, bounded by the store timeout, with the failure policy deciding when the store fails.
	 */
	public Answer<Verdict> decide(String routeId, BucketSpec routePolicy, long cost, CallerIdentity caller) {
		String clientId = caller.clientId();
		BucketSpec spec = this.policies.forClient(routePolicy, clientId);
		long charge = Math.min(cost, spec.minCapacity());
		if (!this.shared.isAvailable()) {
			return recorded(routeId, clientId, fallback(routeId, clientId, spec, charge, "unavailable"));
		}
		String key = this.sharedKeys.key(routeId, clientId, spec);
		long started = System.nanoTime();
		CompletableFuture<Decision> stage;
		try {
			stage = this.shared.tryConsume(key, spec, charge).toCompletableFuture();
		}
		catch (RuntimeException ex) {
			stage = CompletableFuture.failedFuture(ex);
		}
		if (stage.isDone() && !stage.isCompletedExceptionally()) {
			// Decided without waiting: no timer to arm, no operator to run.
			return recorded(routeId, clientId, Answer.now(Verdict.decided(spec, stage.join())));
		}
		Mono<Verdict> later = Mono.fromFuture(stage, true)
			.timeout(this.storeTimeout)
			.doOnSuccess(d -> this.metrics.storeLatency(this.shared.name(), "ok", System.nanoTime() - started))
			.map(decision -> Verdict.decided(spec, decision))
			.onErrorResume(failure -> {
				String reason = reason(failure);
				this.metrics.storeLatency(this.shared.name(), reason, System.nanoTime() - started);
				return fallback(routeId, clientId, spec, charge, reason).toMono();
			});
		return recorded(routeId, clientId, Answer.later(later));
	}

	private Answer<Verdict> recorded(String routeId, String clientId, Answer<Verdict> verdict) {
		if (verdict.isReady()) {
			record(routeId, clientId, verdict.value());
			return verdict;
		}
		return Answer.later(verdict.later().doOnNext(v -> record(routeId, clientId, v)));
	}

	private void record(String routeId, String clientId, Verdict verdict) {
		this.metrics.decision(routeId, verdict);
		if (verdict.outcome() == Verdict.Outcome.LIMITED) {
			this.metrics.limitedClient(routeId, clientId);
		}
	}

	private Answer<Verdict> fallback(String routeId, String clientId, BucketSpec spec, long cost, String reason) {
		StoreFailurePolicy policy = (this.failurePolicy == StoreFailurePolicy.LOCAL && this.local == null)
				? StoreFailurePolicy.DENY : this.failurePolicy;
		this.metrics.fallback(routeId, policy, reason);
		this.fallbackLog.fallback(routeId, policy, reason, this.shared.name());
		if (policy != StoreFailurePolicy.LOCAL) {
			return Answer.now(Verdict.fallback(policy, reason, spec, null));
		}
		BucketSpec share = this.localShares.computeIfAbsent(spec, s -> s.perInstance(this.instanceCount));
		String key = this.keys.key(routeId, clientId, share, this.local);
		long charge = Math.min(cost, share.minCapacity());
		CompletableFuture<Decision> local = this.local.tryConsume(key, share, charge).toCompletableFuture();
		if (local.isDone() && !local.isCompletedExceptionally()) {
			return Answer.now(Verdict.fallback(StoreFailurePolicy.LOCAL, reason, share, local.join()));
		}
		return Answer.later(Mono.fromFuture(local, true)
			.map(decision -> Verdict.fallback(StoreFailurePolicy.LOCAL, reason, share, decision)));
	}

	private static String reason(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof TimeoutException) {
			return "timeout";
		}
		if (cause instanceof StoreUnavailableException || cause instanceof RedisConnectionException) {
			return "unavailable";
		}
		return "error";
	}

}
