package dev.tollgate.filters.ratelimit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.tollgate.filters.observe.MeterCache;

/**
 * The rate limiter's own meters; every tag is bounded:
 * <ul>
 * <li>{@code tollgate.ratelimit.requests} (route, policy, outcome = allowed | limited | fallback)</li>
 * <li>{@code tollgate.ratelimit.fallback} (route, policy = local | allow | deny, reason = timeout | unavailable |
 * error): every decision taken without the shared store</li>
 * <li>{@code tollgate.ratelimit.limited.clients} (route, client): refusals per client, for the first
 * {@code client-tag-limit} distinct clients; the rest are tagged {@code other}</li>
 * <li>{@code tollgate.ratelimit.store} timer (store, outcome = ok | timeout | error): time the store took, for
 * decisions that waited for it (not those spent from a lease or remembered refusals)</li>
 * </ul>
 */
public final class RateLimitMetrics {

	static final String OTHER_CLIENTS = "other";

	private final int clientTagLimit;

	private final Set<String> taggedClients = ConcurrentHashMap.newKeySet();

	private final AtomicInteger taggedCount = new AtomicInteger();

	private final MeterCache<DecisionTags, Counter> decisions;

	private final MeterCache<StoreTags, Timer> storeTimers;

	private final MeterCache<FallbackTags, Counter> fallbacks;

	private final MeterCache<ClientTags, Counter> limitedClients;

	public RateLimitMetrics(MeterRegistry registry, int clientTagLimit) {
		this.clientTagLimit = clientTagLimit;
		this.decisions = new MeterCache<>((t) -> Counter.builder("tollgate.ratelimit.requests")
			.description("Rate-limit decisions per route, policy and outcome")
			.tag("route", t.route)
			.tag("policy", t.policy)
			.tag("outcome", t.outcome)
			.register(registry));
		this.storeTimers = new MeterCache<>((t) -> Timer.builder("tollgate.ratelimit.store")
			.description("Time the bucket store took to decide")
			.tag("store", t.store)
			.tag("outcome", t.outcome)
			.register(registry));
		this.fallbacks = new MeterCache<>((t) -> Counter.builder("tollgate.ratelimit.fallback")
			.description("Rate-limit decisions taken without the shared store, per failure policy")
			.tag("route", t.route)
			.tag("policy", t.policy)
			.tag("reason", t.reason)
			.register(registry));
		this.limitedClients = new MeterCache<>((t) -> Counter.builder("tollgate.ratelimit.limited.clients")
			.description("Refused requests per client (capped number of client tags)")
			.tag("route", t.route)
			.tag("client", t.client)
			.register(registry));
	}

	void decision(String routeId, Verdict verdict) {
		String outcome = verdict.isFallback() ? "fallback"
				: (verdict.outcome() == Verdict.Outcome.ALLOWED) ? "allowed" : "limited";
		this.decisions.get(new DecisionTags(routeId, verdict.spec().name(), outcome)).increment();
	}

	/** Route, policy and outcome: all bounded, so the cache of counters is too. */
	private record DecisionTags(String route, String policy, String outcome) {
	}

	void fallback(String routeId, StoreFailurePolicy policy, String reason) {
		this.fallbacks.get(new FallbackTags(routeId, policy.tag(), reason)).increment();
	}

	private record FallbackTags(String route, String policy, String reason) {
	}

	void limitedClient(String routeId, String clientId) {
		if (this.clientTagLimit == 0) {
			return;
		}
		this.limitedClients.get(new ClientTags(routeId, clientTag(clientId))).increment();
	}

	/** The client tag is capped at {@code client-tag-limit} values plus {@code other}, so this is bounded too. */
	private record ClientTags(String route, String client) {
	}

	/**
	 * Registers the store's round-trip timer up front, so dashboards and alerts find the series (at count 0) before the
	 * first round trip, which a lease, a Redis outage or a slow connect at startup can put off for a long time.
	 */
	void storeInUse(String store) {
		this.storeTimers.get(new StoreTags(store, "ok"));
	}

	void storeLatency(String store, String outcome, long nanos) {
		this.storeTimers.get(new StoreTags(store, outcome)).record(nanos, TimeUnit.NANOSECONDS);
	}

	private record StoreTags(String store, String outcome) {
	}

	private String clientTag(String clientId) {
		if (this.taggedClients.contains(clientId)) {
			return clientId;
		}
		// Reserve a slot first so concurrent newcomers cannot push the count past the cap.
		if (this.taggedCount.incrementAndGet() <= this.clientTagLimit) {
			this.taggedClients.add(clientId);
			return clientId;
		}
		this.taggedCount.decrementAndGet();
		return OTHER_CLIENTS;
	}

}
