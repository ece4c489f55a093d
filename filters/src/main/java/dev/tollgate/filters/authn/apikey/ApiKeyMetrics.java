package dev.tollgate.filters.authn.apikey;

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

	public ApiKeyMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onDecision(Decision decision, String routeId) {
		boolean accepted = decision instanceof Decision.Accepted;
		String cause = accepted ? "none" : ((Decision.Rejected) decision).cause().tag();
		String phase = accepted ? ((Decision.Accepted) decision).phase().tag() : "-";
		Counter.builder("tollgate.apikeys.decisions")
			.description("API-key authentication decisions by internal cause and migration phase")
			.tag("route", routeId)
			.tag("outcome", accepted ? "accepted" : "rejected")
			.tag("cause", cause)
			.tag("phase", phase)
			.register(this.registry)
			.increment();
	}

}
