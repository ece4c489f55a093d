package dev.tollgate.filters.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.tollgate.filters.authn.jwks.JwksCache;
import dev.tollgate.filters.observe.DependencyCalls;
import dev.tollgate.filters.ratelimit.RateLimitProperties;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.filters.health.DependenciesHealthIndicator;
import dev.tollgate.filters.health.JwksHealthIndicator;
import dev.tollgate.filters.health.ReadinessIndicator;
import dev.tollgate.filters.health.RedisHealthIndicator;

/**
 * Health of what the gateway depends on, when Spring Boot's health support is present: {@code tollgateRedis},
 * {@code tollgateJwks}, {@code tollgateDependencies} (introspection endpoints and STS profiles, from their last
 * calls) and {@code tollgateReadiness} (whether the declared failure policies can be met, for the
 * readiness group). Details are shown only to holders of the admin token
 * ({@code management.endpoint.health.show-details: when-authorized}).
 */
@AutoConfiguration(after = { TollgateFiltersAutoConfiguration.class, BearerAuthenticationAutoConfiguration.class,
		ApiKeyAutoConfiguration.class, RateLimitAutoConfiguration.class })
@ConditionalOnClass(HealthIndicator.class)
public class TollgateHealthAutoConfiguration {

	@Bean
	@ConditionalOnBean(RedisConnector.class)
	HealthIndicator tollgateRedisHealthIndicator(RedisConnector redis) {
		return new RedisHealthIndicator(redis.status());
	}

	@Bean
	@ConditionalOnBean(JwksCache.class)
	JwksHealthIndicator tollgateJwksHealthIndicator(JwksCache cache, ObjectProvider<Clock> clock) {
		return new JwksHealthIndicator(cache, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnBean(DependencyCalls.class)
	HealthIndicator tollgateDependenciesHealthIndicator(DependencyCalls calls) {
		return new DependenciesHealthIndicator(calls);
	}

	@Bean
	HealthIndicator tollgateReadinessHealthIndicator(ObjectProvider<RedisConnector> redis,
			ObjectProvider<RateLimitProperties> rateLimit, ObjectProvider<JwksHealthIndicator> jwks) {
		RedisConnector connector = redis.getIfAvailable();
		RateLimitProperties limits = rateLimit.getIfAvailable();
		return new ReadinessIndicator((connector != null) ? connector.status() : null,
				(limits != null) ? limits.onStoreFailure() : null, jwks.getIfAvailable());
	}

}
