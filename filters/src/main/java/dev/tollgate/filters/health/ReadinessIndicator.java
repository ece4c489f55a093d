package dev.tollgate.filters.health;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.tollgate.filters.ratelimit.StoreFailurePolicy;
import dev.tollgate.redis.RedisStatus;

/**
 * Whether this instance can serve as declared, for the readiness group: OUT_OF_SERVICE when Redis is down and the
 * rate-limit failure policy is {@code deny} (every limited request would get 503), or when an issuer's keys were
 * never fetched. Redis down under {@code local} or {@code allow} keeps the instance ready: that fallback is the
 * declared behaviour. Liveness never includes this: restarting a gateway does not bring Redis back.
 */
public final class ReadinessIndicator implements HealthIndicator {

	private final RedisStatus redis;

	private final StoreFailurePolicy rateLimitPolicy;

	private final JwksHealthIndicator jwks;

	public ReadinessIndicator(RedisStatus redis, StoreFailurePolicy rateLimitPolicy, JwksHealthIndicator jwks) {
		this.redis = redis;
		this.rateLimitPolicy = rateLimitPolicy;
		this.jwks = jwks;
	}

	@Override
	public Health health() {
		List<String> unmet = new ArrayList<>();
		if (this.redis != null && this.rateLimitPolicy == StoreFailurePolicy.DENY && !this.redis.isUsable()) {
			unmet.add("redis down and tollgate.rate-limit.on-store-failure is deny");
		}
		if (this.jwks != null && !this.jwks.allUsable()) {
			unmet.add("an issuer's keys were never fetched");
		}
		return unmet.isEmpty() ? Health.up().build() : Health.outOfService().withDetail("unmet", unmet).build();
	}

}
