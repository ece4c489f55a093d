package dev.tollgate.filters.authn.apikey;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.tollgate.apikeys.Decision;
import dev.tollgate.apikeys.DecisionListener;

/**
 * Counts API-key decisions as {@code tollgate.apikeys.decisions}, tagged route, outcome ({@code accepted},
 * {@code rejected}), cause (internal, bounded: e.g. {@code revoked}, {@code brownout}; {@code none} when accepted)
 * and phase. Never a key, key id or client id. The pipeline's own {@code tollgate.decisions} counts the answer.
 */
public final class ApiKeyMetrics implements DecisionListener {

	private final MeterRegistry registry;

	private final Map<Tags, Counter> counters = new ConcurrentHashMap<>();

	public ApiKeyMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onDecision(Decision decision, String routeId) {
		boolean accepted = decision instanceof Decision.Accepted;
		String cause = accepted ? "none" : ((Decision.Rejected) decision).cause().tag();
		String phase = accepted ? ((Decision.Accepted) decision).phase().tag() : "-";
		Tags key = new Tags(routeId, accepted ? "accepted" : "rejected", cause, phase);
		Counter counter = this.counters.get(key);
		if (counter == null) {
			counter = this.counters.computeIfAbsent(key, (t) -> Counter.builder("tollgate.apikeys.decisions")
				.description("API-key authentication decisions by internal cause and migration phase")
				.tag("route", t.route)
				.tag("outcome", t.outcome)
				.tag("cause", t.cause)
				.tag("phase", t.phase)
				.register(this.registry));
		}
		counter.increment();
	}

	/** Every tag is bounded, so is the cache of counters. */
	private record Tags(String route, String outcome, String cause, String phase) {
	}

}
