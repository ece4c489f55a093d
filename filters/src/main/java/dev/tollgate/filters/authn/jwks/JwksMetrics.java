package dev.tollgate.filters.authn.jwks;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * JWKS cache meters. Tags are bounded: the configured issuer name, a trigger, an outcome and a reason tag.
 * <ul>
 * <li>{@code tollgate.jwks.fetches} (issuer, trigger = initial|unknown_kid|refresh, outcome = success|failure)</li>
 * <li>{@code tollgate.jwks.failures} (issuer, reason = timeout|io|http_status|malformed|no_usable_keys|discovery)</li>
 * <li>{@code tollgate.jwks.unknown_kid} (issuer, outcome = refetch|throttled): a flood shows up here</li>
 * <li>{@code tollgate.jwks.age} gauge in seconds (issuer): age of the key set in use, NaN before the first</li>
 * </ul>
 */
public final class JwksMetrics {

	private final MeterRegistry registry;

	private final Clock clock;

	public JwksMetrics(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	void fetched(String issuer, String trigger, boolean success) {
		Counter.builder("tollgate.jwks.fetches")
			.description("JWKS fetches")
			.tag("issuer", issuer)
			.tag("trigger", trigger)
			.tag("outcome", success ? "success" : "failure")
			.register(this.registry)
			.increment();
	}

	void failed(String issuer, String reason) {
		Counter.builder("tollgate.jwks.failures")
			.description("JWKS fetch failures")
			.tag("issuer", issuer)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	void unknownKid(String issuer, boolean refetch) {
		Counter.builder("tollgate.jwks.unknown_kid")
			.description("Tokens whose kid was not in the cached key set")
			.tag("issuer", issuer)
			.tag("outcome", refetch ? "refetch" : "throttled")
			.register(this.registry)
			.increment();
	}

	void ageGauge(String issuer, Supplier<KeySet> current) {
		Gauge.builder("tollgate.jwks.age", current, (supplier) -> {
			KeySet keys = supplier.get();
			return (keys == null) ? Double.NaN
					: Duration.between(keys.fetchedAt(), this.clock.instant()).toMillis() / 1000d;
		}).description("Age of the JWKS key set in use").baseUnit("seconds").tag("issuer", issuer).register(this.registry);
	}

}
