package dev.tollgate.filters.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.tollgate.filters.observe.DependencyCalls;

/**
 * Introspection endpoints and STS profiles as the last calls found them: DOWN while some dependency's recent calls
 * all fail (with when it last answered), UP otherwise. Informational: not in the readiness group, because the
 * gateway still serves from its caches and answers 503 only where it must.
 */
public final class DependenciesHealthIndicator implements HealthIndicator {

	private final DependencyCalls calls;

	public DependenciesHealthIndicator(DependencyCalls calls) {
		this.calls = calls;
	}

	@Override
	public Health health() {
		boolean failing = false;
		Health.Builder health = Health.up();
		for (Map.Entry<String, DependencyCalls.Outcome> entry : this.calls.outcomes().entrySet()) {
			DependencyCalls.Outcome outcome = entry.getValue();
			failing |= outcome.failing();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("status", outcome.failing() ? "DOWN" : "UP");
			if (outcome.lastSuccess() != null) {
				details.put("lastSuccess", outcome.lastSuccess().toString());
			}
			if (outcome.lastFailure() != null) {
				details.put("lastFailure", outcome.lastFailure().toString());
				details.put("lastFailureReason", outcome.lastFailureReason());
			}
			details.put("failuresInARow", outcome.failuresInARow());
			health.withDetail(entry.getKey(), details);
		}
		return (failing ? health.down() : health).build();
	}

}
