package dev.tollgate.filters.autoconfigure;

import java.time.Clock;
import java.util.Locale;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.tollgate.apikeys.ApiKeyAuthentication;
import dev.tollgate.apikeys.ApiKeyBackend;
import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.lifecycle.ApiKeyLifecycle;
import dev.tollgate.apikeys.PhaseResolver;
import dev.tollgate.apikeys.phase.RoutePhasePolicies;
import dev.tollgate.apikeys.report.MigrationReportBuilder;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.store.CachingApiKeyStore;
import dev.tollgate.apikeys.store.InMemoryApiKeyStore;
import dev.tollgate.apikeys.usage.ScheduledUsageFlush;
import dev.tollgate.apikeys.usage.UsageRecorder;
import dev.tollgate.apikeys.usage.UsageStore;
import dev.tollgate.filters.authn.ApiKeyAuthenticator;
import dev.tollgate.filters.authn.FailedCredentialCache;
import dev.tollgate.filters.config.InvalidConfigurationException;
import dev.tollgate.filters.config.StrictConfigurationCheck;
import dev.tollgate.filters.config.TollgateGatewayProperties;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisPersistenceCheck;
import dev.tollgate.filters.authn.apikey.ApiKeyMetrics;
import dev.tollgate.filters.authn.apikey.ApiKeyProperties;
import dev.tollgate.filters.authn.apikey.MigratingApiKeyAuthenticator;
import dev.tollgate.filters.authn.apikey.OAuthUsageListener;

/**
 * Legacy API keys: the key store (Redis when {@code tollgate.redis.url} is set, else memory), the local cache
 * dropped through pub/sub, lifecycle, migration phases ({@link RoutePhasePolicies}, which the routes module fills),
 * usage tracking and the {@link ApiKeyAuthenticator} the authenticate stage calls.
 */
@AutoConfiguration(after = { TollgateFiltersAutoConfiguration.class, MintingAutoConfiguration.class },
		before = PipelineAutoConfiguration.class)
@Import(StrictConfigurationCheck.class)
@EnableConfigurationProperties(ApiKeyProperties.class)
public class ApiKeyAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ApiKeyAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	public ApiKeyBackend tollgateApiKeyBackend(ApiKeyProperties properties, ObjectProvider<RedisConnector> redis,
			ObjectProvider<MeterRegistry> registry) {
		String store = properties.store().toLowerCase(Locale.ROOT);
		RedisConnector shared = redis.getIfAvailable();
		if ("redis".equals(store) && shared == null) {
			throw new InvalidConfigurationException("tollgate.api-keys.store", "redis needs tollgate.redis.url");
		}
		if (shared != null && !"memory".equals(store)) {
			ApiKeyBackend backend = ApiKeyBackend.redis(shared, properties.redisPrefix(), properties.cacheTtl(),
					properties.effectiveMaxStaleness(), properties.cacheMaxEntries(), properties.usageRetention());
			backend.whenConnected(commands -> RedisPersistenceCheck.warnIfKeysAtRisk(commands, "API keys"));
			// Lookups answered from the cache past its TTL because Redis failed (the documented fallback).
			FunctionCounter.builder("tollgate.apikeys.stale", backend.store(), CachingApiKeyStore::staleServed)
				.description("API-key lookups served from the last answer while Redis was failing")
				.register(registry.getIfAvailable(SimpleMeterRegistry::new));
			return backend;
		}
		log.info("API keys are kept in memory: one gateway instance only, lost on restart");
		return ApiKeyBackend.inMemory(new InMemoryApiKeyStore(), properties.cacheTtl(),
				properties.cacheMaxEntries());
	}

	@Bean
	@ConditionalOnMissingBean
	public ApiKeyStore tollgateApiKeyStore(ApiKeyBackend backend) {
		return backend.store();
	}

	@Bean
	@ConditionalOnMissingBean
	public UsageStore tollgateApiKeyUsageStore(ApiKeyBackend backend) {
		return backend.usage();
	}

	@Bean
	@ConditionalOnMissingBean
	public RoutePhasePolicies tollgateRoutePhasePolicies(ApiKeyProperties properties) {
		return new RoutePhasePolicies(properties.parsedBrownoutWindows());
	}

	@Bean
	@ConditionalOnMissingBean
	public UsageRecorder tollgateApiKeyUsageRecorder(UsageStore usage, ApiKeyBackend backend,
			ApiKeyProperties properties, ObjectProvider<Clock> clock) {
		return new UsageRecorder(usage, backend.lastUseStore(), clock.getIfAvailable(Clock::systemUTC),
				properties.usageMaxPending());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	public ScheduledUsageFlush tollgateApiKeyUsageFlush(UsageRecorder recorder, ApiKeyProperties properties,
			ObjectProvider<MeterRegistry> registry) {
		MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
		meters.gauge("tollgate.apikeys.usage.dropped", recorder, UsageRecorder::dropped);
		meters.gauge("tollgate.apikeys.usage.pending", recorder, UsageRecorder::pendingCells);
		return new ScheduledUsageFlush(recorder, properties.usageFlushInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	public ApiKeyLifecycle tollgateApiKeyLifecycle(ApiKeyStore store, ApiKeyProperties properties,
			ObjectProvider<Clock> clock) {
		return new ApiKeyLifecycle(store, new ApiKeyFormat(), clock.getIfAvailable(Clock::systemUTC),
				properties.rotationOverlap());
	}

	@Bean
	@ConditionalOnMissingBean
	public MigrationReportBuilder tollgateMigrationReportBuilder(ApiKeyStore store, UsageStore usage,
			ObjectProvider<Clock> clock) {
		return new MigrationReportBuilder(store, usage, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	public ApiKeyAuthentication tollgateApiKeyAuthentication(ApiKeyStore store, RoutePhasePolicies policies,
			UsageRecorder usage, ApiKeyProperties properties, ObjectProvider<Clock> clock,
			ObjectProvider<MeterRegistry> registry) {
		return new ApiKeyAuthentication(store, new PhaseResolver(policies, properties.migrationGuide()), usage,
				clock.getIfAvailable(Clock::systemUTC), properties.migrationGuide(), properties.lookupTimeout(),
				new ApiKeyMetrics(registry.getIfAvailable(SimpleMeterRegistry::new)));
	}

	@Bean
	@ConditionalOnMissingBean(ApiKeyAuthenticator.class)
	public MigratingApiKeyAuthenticator tollgateApiKeyAuthenticator(ApiKeyAuthentication authentication,
			ApiKeyProperties properties, ApiKeyBackend backend, TollgateGatewayProperties gateway,
			ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> registry) {
		TollgateGatewayProperties.FailedCredentials failed = gateway.failedCredentials();
		FailedCredentialCache failedKeys = new FailedCredentialCache("api-key", failed.ttl(),
				failed.maxEntries(), clock.getIfAvailable(Clock::systemUTC),
				registry.getIfAvailable(SimpleMeterRegistry::new));
		// Any key change (issued, revoked, restored, re-phased) on any instance, or a possibly missed message:
		// forget every remembered failure, as the store's own cache does.
		backend.bus().subscribe((keyId) -> failedKeys.clear());
		return new MigratingApiKeyAuthenticator(authentication, properties.retryAfter(), failedKeys);
	}

	@Bean
	@ConditionalOnMissingBean
	public OAuthUsageListener tollgateOAuthUsageListener(UsageRecorder usage) {
		return new OAuthUsageListener(usage);
	}


}
