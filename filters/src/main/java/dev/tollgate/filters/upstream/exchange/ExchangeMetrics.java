package dev.tollgate.filters.upstream.exchange;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.tollgate.filters.observe.DependencyCalls;
import dev.tollgate.filters.observe.MeterCache;

/**
 * Micrometer meters of the exchange client. Tags are bounded (route and profile names come from configuration,
 * the rest from fixed sets); never a client id, subject or token.
 * <ul>
 * <li>{@code tollgate.exchange.requests} (counter): route, profile, cache (hit|miss|joined|negative|none),
 * outcome (issued|refused|failed), reason. Cache hit ratio = {@code cache="hit"} / all.</li>
 * <li>{@code tollgate.exchange.sts} (timer): profile, grant (token_exchange|client_credentials), outcome
 * (success|refused|failed): the STS's latency as the gateway sees it.</li>
 * <li>{@code tollgate.exchange.cache.size} (gauge): profile.</li>
 * </ul>
 */
final class ExchangeMetrics {

	private final MeterRegistry registry;

	// Resolving a meter by its tags costs a map lookup and an Id build; a cache hit should not pay for that.
	private final MeterCache<RequestTags, Counter> requests;

	private final DependencyCalls calls;

	ExchangeMetrics(MeterRegistry registry, DependencyCalls calls) {
		this.registry = registry;
		this.calls = calls;
		this.requests = new MeterCache<>((t) -> Counter.builder("tollgate.exchange.requests")
			.description("Token exchanges by cache state and outcome")
			.tag("route", t.route)
			.tag("profile", t.profile)
			.tag("cache", t.cache.tag)
			.tag("outcome", t.outcome)
			.tag("reason", t.reason)
			.register(registry));
	}

	void request(String route, String profile, CacheState cache, String outcome, String reason) {
		this.requests.get(new RequestTags(route, profile, cache, outcome, reason)).increment();
	}

	void stsCall(String profile, String grant, String outcome, long startNanos) {
		// A refusal is the STS answering about the caller's token: the STS itself is fine.
		if ("failed".equals(outcome)) {
			this.calls.failed("sts:" + profile, "failed");
		}
		else {
			this.calls.succeeded("sts:" + profile);
		}
		Timer.builder("tollgate.exchange.sts")
			.description("Latency of calls to the STS token endpoint")
			.tag("profile", profile)
			.tag("grant", grant)
			.tag("outcome", outcome)
			.register(this.registry)
			.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
	}

	void cacheSize(String profile, Supplier<Number> size) {
		Gauge.builder("tollgate.exchange.cache.size", size)
			.description("Exchanged tokens held in the cache")
			.tag("profile", profile)
			.register(this.registry);
	}

	private record RequestTags(String route, String profile, CacheState cache, String outcome, String reason) {
	}

}
