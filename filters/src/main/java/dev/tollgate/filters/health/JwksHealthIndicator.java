package dev.tollgate.filters.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.tollgate.filters.authn.jwks.JwksCache;
import dev.tollgate.filters.authn.jwks.KeySetHealth;

/**
 * Every issuer's key set: UP when each issuer has one (an old set after failed refreshes stays UP, as the gateway
 * keeps verifying with it, with the failure in the details), DOWN when an issuer has never been fetched
 * successfully and its tokens cannot be verified.
 */
public final class JwksHealthIndicator implements HealthIndicator {

	private final JwksCache cache;

	private final Clock clock;

	public JwksHealthIndicator(JwksCache cache, Clock clock) {
		this.cache = cache;
		this.clock = clock;
	}

	@Override
	public Health health() {
		boolean allUsable = true;
		Health.Builder health = Health.up();
		for (Map.Entry<String, KeySetHealth> issuer : this.cache.health().entrySet()) {
			KeySetHealth keys = issuer.getValue();
			allUsable &= keys.usable();
			health.withDetail(issuer.getKey(), details(keys));
		}
		return (allUsable ? health : health.down()).build();
	}

	private Map<String, Object> details(KeySetHealth keys) {
		Map<String, Object> details = new java.util.LinkedHashMap<>();
		details.put("status", keys.usable() ? "UP" : "DOWN");
		if (keys.current() != null) {
			details.put("keys", keys.current().keys().size());
			details.put("ageSeconds", Duration.between(keys.current().fetchedAt(), this.clock.instant()).toSeconds());
		}
		if (keys.lastFailure() != null) {
			details.put("lastError", keys.lastFailure().reason());
			details.put("lastErrorAt", keys.lastFailure().at().toString());
		}
		return details;
	}

	/** Whether every issuer's tokens can be verified now. */
	boolean allUsable() {
		return this.cache.health().values().stream().allMatch(KeySetHealth::usable);
	}

}
