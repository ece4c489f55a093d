package dev.tollgate.filters.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import dev.tollgate.filters.edge.ClientAddress;
import dev.tollgate.filters.edge.FailedAuthLimiter;
import dev.tollgate.filters.edge.TrustedProxies;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.AuditTrail;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.observe.DependencyCalls;
import dev.tollgate.filters.ratelimit.store.Limit;
import dev.tollgate.logs.LogSummary;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.filters.config.PublicBaseUrl;
import dev.tollgate.filters.config.PublicBaseUrlRequirement;
import dev.tollgate.filters.config.RedisTls;
import dev.tollgate.filters.config.RedisTopologies;
import dev.tollgate.filters.config.StrictConfigurationCheck;
import dev.tollgate.filters.config.TollgateGatewayProperties;
import dev.tollgate.filters.config.TollgateRedisProperties;

/**
 * Shared pipeline beans: decision recording, the one error responder, the trusted proxies and client-address
 * resolver, and the failed-authentication limit per client address.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@Import(StrictConfigurationCheck.class)
@EnableConfigurationProperties(TollgateGatewayProperties.class)
public class TollgateFiltersAutoConfiguration {

	static final Duration EDGE_REFUSAL_SUMMARY_INTERVAL = Duration.ofMinutes(1);

	/** Edge refusals (malformed and refused requests) are logged through this, summarised per minute. */
	@Bean
	@ConditionalOnMissingBean
	public LogSummary tollgateEdgeRefusalLog(ObjectProvider<Clock> clock) {
		return new LogSummary(LoggerFactory.getLogger("tollgate.decisions"), "edge_rejected",
				EDGE_REFUSAL_SUMMARY_INTERVAL, clock.getIfAvailable(Clock::systemUTC));
	}

	/** Writes a summary whose interval ended while no further refusal arrived to write it. */
	@Bean(destroyMethod = "dispose")
	public Disposable tollgateEdgeRefusalLogFlush(LogSummary edgeRefusals) {
		return Schedulers.parallel()
			.schedulePeriodically(edgeRefusals::flush, EDGE_REFUSAL_SUMMARY_INTERVAL.toMillis(),
					EDGE_REFUSAL_SUMMARY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Bean
	@ConditionalOnMissingBean
	public DecisionRecorder tollgateDecisionRecorder(ObjectProvider<MeterRegistry> registry, LogSummary edgeRefusals,
			ObjectProvider<Clock> clock) {
		return new DecisionRecorder(registry.getIfAvailable(SimpleMeterRegistry::new), edgeRefusals,
				new AuditTrail(clock.getIfAvailable(Clock::systemUTC)));
	}

	@Bean
	@ConditionalOnMissingBean
	public ErrorResponder tollgateErrorResponder(DecisionRecorder recorder, TollgateGatewayProperties properties) {
		// Validated here, so a malformed value fails startup naming the property even where no route authenticates.
		return new ErrorResponder(recorder, properties.realm(), PublicBaseUrl.parse(properties.publicBaseUrl()));
	}

	/**
	 * Hand-written Spring Cloud Gateway routes ({@code spring.cloud.gateway.server.webflux.routes}, default filters)
	 * that run {@code Authenticate} need {@value PublicBaseUrl#PROPERTY}: checked once all beans exist, so startup
	 * fails naming the property instead of the gateway dropping the route with a warning on its first refresh.
	 */
	@Bean
	public SmartInitializingSingleton tollgatePublicBaseUrlRequirement(ObjectProvider<GatewayProperties> gateway,
			ErrorResponder responder) {
		return () -> gateway.ifAvailable(properties -> {
			List<String> routes = new ArrayList<>();
			properties.getRoutes()
				.stream()
				.filter(route -> route.getFilters().stream().anyMatch(PublicBaseUrlRequirement::isAuthenticate))
				.forEach(route -> routes.add(route.getId()));
			if (properties.getDefaultFilters().stream().anyMatch(PublicBaseUrlRequirement::isAuthenticate)) {
				routes.add("(default-filters)");
			}
			PublicBaseUrlRequirement.check(responder.publicBaseUrl(), routes);
		});
	}

	/** Last outcome of each introspection endpoint and STS profile, for health. */
	@Bean
	@ConditionalOnMissingBean
	public DependencyCalls tollgateDependencyCalls(ObjectProvider<Clock> clock) {
		return new DependencyCalls(clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	public TrustedProxies tollgateTrustedProxies(TollgateGatewayProperties properties) {
		return TrustedProxies.of(properties.trustedProxies());
	}

	@Bean
	@ConditionalOnMissingBean
	public ClientAddress tollgateClientAddress(TrustedProxies trustedProxies) {
		return new ClientAddress(trustedProxies);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "tollgate.gateway.failed-auth.enabled", matchIfMissing = true)
	public FailedAuthLimiter tollgateFailedAuthLimiter(TollgateGatewayProperties properties,
			ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> registry) {
		TollgateGatewayProperties.FailedAuth config = properties.failedAuth();
		Limit limit;
		try {
			limit = Limit.parse(config.limit());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("tollgate.gateway.failed-auth.limit: " + ex.getMessage(), ex);
		}
		if (config.maxAddresses() < 1) {
			throw new IllegalArgumentException("tollgate.gateway.failed-auth.max-addresses: must be at least 1");
		}
		return new FailedAuthLimiter(limit, config.maxAddresses(), clock.getIfAvailable(Clock::systemUTC),
				registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	/**
	 * The one Redis client every stage shares (API keys, rate limits), when {@code tollgate.redis.*} or Spring
	 * Boot's {@code spring.data.redis.*} names a Redis. Connections open in the background: the gateway starts while
	 * Redis is down.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TollgateRedisProperties.class)
	@Conditional(RedisConfiguredCondition.class)
	static class RedisConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		RedisConnector tollgateRedis(TollgateRedisProperties properties, Environment environment,
				ObjectProvider<SslBundles> sslBundles, ObjectProvider<Clock> clock) {
			return RedisConnector.create(RedisTopologies.resolve(properties, environment), properties.settings(),
					RedisTls.from(properties.sslBundle(), sslBundles), clock.getIfAvailable(Clock::systemUTC));
		}

		/**
		 * Once every store has asked for its connections: wait (bounded by the connect timeout) until they are open
		 * or have failed, so a healthy Redis decides the very first request instead of a failure policy.
		 */
		@Bean
		SmartInitializingSingleton tollgateRedisStartup(RedisConnector redis) {
			return redis::awaitStartup;
		}

	}

}
