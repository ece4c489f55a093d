package dev.tollgate.filters.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.filters.observe.DecisionSpans;
import dev.tollgate.filters.authn.BearerAuthenticator;
import dev.tollgate.filters.authn.FailedCredentialCache;
import dev.tollgate.filters.authn.introspection.IntrospectionClient;
import dev.tollgate.filters.authn.introspection.OpaqueTokenIntrospector;
import dev.tollgate.filters.authn.jwks.JwksCache;
import dev.tollgate.filters.authn.jwks.JwksMetrics;
import dev.tollgate.filters.authn.jwks.JwksRefresher;
import dev.tollgate.filters.authn.jwks.WebClientJwksFetcher;
import dev.tollgate.filters.config.StrictConfigurationCheck;
import dev.tollgate.filters.config.TollgateGatewayProperties;
import dev.tollgate.filters.observe.DependencyCalls;
import dev.tollgate.filters.authn.bearer.DefaultBearerAuthenticator;
import dev.tollgate.filters.authn.bearer.IssuersProperties;
import dev.tollgate.filters.authn.bearer.JwtAccessTokenVerifier;
import dev.tollgate.filters.authn.bearer.TrustedIssuers;
import dev.tollgate.filters.authn.bearer.VerifiedTokenCache;

/**
 * Bearer-token validation beans, created when {@code tollgate.issuers} is configured: the trusted issuers, one
 * JWKS cache shared by every route (with its background refresher), the verified-token cache, the introspection
 * client and the {@link BearerAuthenticator}. A {@link Clock} bean, if any, is used for every time check.
 */
@AutoConfiguration(after = TollgateFiltersAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@Conditional(OnIssuersConfiguredCondition.class)
@Import(StrictConfigurationCheck.class)
@EnableConfigurationProperties(IssuersProperties.class)
public class BearerAuthenticationAutoConfiguration {

	/** How often due key-set refreshes are looked for. */
	private static final Duration REFRESH_TICK = Duration.ofSeconds(5);

	@Bean
	@ConditionalOnMissingBean
	public TrustedIssuers tollgateTrustedIssuers(IssuersProperties properties, ObjectProvider<Clock> clock) {
		return TrustedIssuers.from(properties, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	public JwksCache tollgateJwksCache(TrustedIssuers issuers, ObjectProvider<WebClient.Builder> webClient,
			ObjectProvider<DecisionSpans> spans,
			ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> registry) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		return new JwksCache(issuers.jwksEndpoints(),
				new WebClientJwksFetcher(DependencyWebClients.builder(webClient, spans)), time,
				new JwksMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), time));
	}

	@Bean
	@ConditionalOnMissingBean
	public JwksRefresher tollgateJwksRefresher(JwksCache cache) {
		return new JwksRefresher(cache, REFRESH_TICK);
	}

	@Bean
	@ConditionalOnMissingBean
	public VerifiedTokenCache tollgateVerifiedTokenCache(IssuersProperties properties, ObjectProvider<Clock> clock,
			ObjectProvider<MeterRegistry> registry) {
		return new VerifiedTokenCache(properties.bearer().verifiedTokenCacheSize(),
				clock.getIfAvailable(Clock::systemUTC), registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	@ConditionalOnMissingBean
	public OpaqueTokenIntrospector tollgateOpaqueTokenIntrospector(IssuersProperties properties,
			ObjectProvider<WebClient.Builder> webClient, ObjectProvider<DecisionSpans> spans,
			ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> registry, ObjectProvider<DependencyCalls> calls) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		return new OpaqueTokenIntrospector(new IntrospectionClient(DependencyWebClients.builder(webClient, spans)),
				time, registry.getIfAvailable(SimpleMeterRegistry::new),
				properties.bearer().introspectionCacheSize(),
				calls.getIfAvailable(() -> new DependencyCalls(time)));
	}

	@Bean
	@ConditionalOnMissingBean(BearerAuthenticator.class)
	public DefaultBearerAuthenticator tollgateBearerAuthenticator(IssuersProperties properties,
			TrustedIssuers issuers, JwksCache keys, OpaqueTokenIntrospector introspector,
			VerifiedTokenCache verifiedTokens, ObjectProvider<Clock> clock, TollgateGatewayProperties gateway,
			ObjectProvider<MeterRegistry> registry) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		TollgateGatewayProperties.FailedCredentials failed = gateway.failedCredentials();
		FailedCredentialCache failedTokens = new FailedCredentialCache("bearer", failed.ttl(),
				failed.maxEntries(), time, registry.getIfAvailable(SimpleMeterRegistry::new));
		return new DefaultBearerAuthenticator(issuers, new JwtAccessTokenVerifier(issuers, keys), introspector,
				verifiedTokens, failedTokens, time, properties.bearer().maxTokenLength(),
				properties.bearer().maxJsonDepth());
	}

}
