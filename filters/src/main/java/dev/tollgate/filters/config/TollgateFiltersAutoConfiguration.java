package dev.tollgate.filters.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.DecisionRecorder;

/** Shared pipeline beans: decision recording and the one error responder. */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@EnableConfigurationProperties(TollgateGatewayProperties.class)
public class TollgateFiltersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public DecisionRecorder tollgateDecisionRecorder(ObjectProvider<MeterRegistry> registry) {
		return new DecisionRecorder(registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	@ConditionalOnMissingBean
	public ErrorResponder tollgateErrorResponder(DecisionRecorder recorder, TollgateGatewayProperties properties) {
		return new ErrorResponder(recorder, properties.getRealm(), properties.getPublicBaseUrl());
	}

	/** The one Redis client every stage shares (API keys, rate limits), when {@code tollgate.redis.url} is set. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TollgateRedisProperties.class)
	@ConditionalOnProperty("tollgate.redis.url")
	static class RedisConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		TollgateRedis tollgateRedis(TollgateRedisProperties properties) {
			return TollgateRedis.create(properties);
		}

	}

}
