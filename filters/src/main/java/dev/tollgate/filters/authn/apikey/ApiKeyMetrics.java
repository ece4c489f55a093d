package dev.tollgate.filters.authn.apikey;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.tollgate.apikeys.Decision;
import dev.tollgate.apikeys.DecisionListener;
import dev.tollgate.filters.observe.MeterCache;

/**
 * Counts API-key decisions as {@code tollgate.apikeys.decisions}, tagged route, outcome ({@code accepted},
 * {@code rejected}), cause (internal, bounded: e.g. {@code revoked}, {@code brownout}; {@code none} when accepted)
 * and phase. Never a key, key id or client id. The pipeline's own {@code tollgate.decisions} counts the answer.
 */
public final class ApiKeyMetrics implements DecisionListener {

	private final MeterCache<Tags, Counter> counters;

	public ApiKeyMetrics(MeterRegistry registry) {
		this.counters = new MeterCache<>((t) -> Counter.builder("tollgate.apikeys.decisions")
			.description("API-key authentication decisions by internal cause and migration phase")
			.tag("route", t.route)
			.tag("outcome", t.outcome)
			.tag("cause", t.cause)
			.tag("phase", t.phase)
			.register(registry));
	}

	@Override
	public void onDecision(Decision decision, String routeId) {
		boolean accepted = decision instanceof Decision.Accepted;
		String cause = accepted ? "none" : ((Decision.Rejected) decision).cause().tag();
		String phase = accepted ? ((Decision.Accepted) decision).phase().tag() : "-";
		this.counters.get(new Tags(routeId, accepted ? "accepted" : "rejected", cause, phase)).increment();
	}

	/** Every tag is bounded, so is the cache of counters. */
	private record Tags(String route, String outcome, String cause, String phase) {
	}

}
