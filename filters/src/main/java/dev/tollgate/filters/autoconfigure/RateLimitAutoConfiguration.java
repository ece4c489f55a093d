package dev.tollgate.filters.autoconfigure;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.tollgate.filters.config.StrictConfigurationCheck;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.filters.ratelimit.ClientRateLimitGatewayFilterFactory;
import dev.tollgate.filters.ratelimit.ClientRateLimiter;
import dev.tollgate.filters.ratelimit.RateLimitMetrics;
import dev.tollgate.filters.ratelimit.RateLimitPolicies;
import dev.tollgate.filters.ratelimit.RateLimitProperties;
import dev.tollgate.filters.ratelimit.RateLimitStores;

/**
 * Per-client rate limiting: policies from {@code tollgate.rate-limit}, buckets in Redis when
 * {@code tollgate.redis.url} is set (else in memory), and the {@code ClientRateLimit} filter.
 */
@AutoConfiguration(after = TollgateFiltersAutoConfiguration.class)
@ConditionalOnClass(AbstractGatewayFilterFactory.class)
@Import(StrictConfigurationCheck.class)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public RateLimitPolicies tollgateRateLimitPolicies(RateLimitProperties properties) {
		return RateLimitPolicies.from(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	public RateLimitStores tollgateRateLimitStores(RateLimitProperties properties,
			ObjectProvider<RedisConnector> redis, ObjectProvider<Clock> clock) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		RedisConnector shared = redis.getIfAvailable();
		return (shared != null) ? RateLimitStores.redis(shared, properties, time)
				: RateLimitStores.inMemory(properties, time);
	}

	@Bean
	@ConditionalOnMissingBean
	public ClientRateLimiter tollgateClientRateLimiter(RateLimitPolicies policies, RateLimitStores stores,
			RateLimitProperties properties, ObjectProvider<MeterRegistry> registry, ObjectProvider<Clock> clock) {
		RateLimitMetrics metrics = new RateLimitMetrics(registry.getIfAvailable(SimpleMeterRegistry::new),
				properties.clientTagLimit());
		return new ClientRateLimiter(policies, stores.shared(), stores.local(), properties, metrics,
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	public ClientRateLimitGatewayFilterFactory clientRateLimitGatewayFilterFactory(ClientRateLimiter limiter,
			ErrorResponder responder, DecisionRecorder recorder) {
		return new ClientRateLimitGatewayFilterFactory(limiter, responder, recorder);
	}


}
