package dev.tollgate.filters.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.tollgate.filters.authn.ApiKeyAuthenticator;
import dev.tollgate.filters.authn.AuthenticateGatewayFilterFactory;
import dev.tollgate.filters.authn.AuthenticationListener;
import dev.tollgate.filters.authn.Authenticator;
import dev.tollgate.filters.authn.BearerAuthenticator;
import dev.tollgate.filters.authn.CredentialExtractor;
import dev.tollgate.filters.authz.AuthorizeGatewayFilterFactory;
import dev.tollgate.filters.binding.BindingStages;
import dev.tollgate.filters.edge.ClientAddress;
import dev.tollgate.filters.edge.FailedAuthLimiter;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.mcp.McpStages;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.observe.DecisionSpans;
import dev.tollgate.filters.pipeline.TollgateGatewayFilterFactory;
import dev.tollgate.filters.policy.PolicyStages;
import dev.tollgate.filters.ratelimit.ClientRateLimitGatewayFilterFactory;
import dev.tollgate.filters.strip.CredentialHeadersFilter;
import dev.tollgate.filters.strip.ForwardCredentialsGatewayFilterFactory;
import dev.tollgate.filters.strip.StripHeadersGatewayFilterFactory;
import dev.tollgate.filters.upstream.TokenExchanger;
import dev.tollgate.filters.upstream.UpstreamTokenGatewayFilterFactory;
import dev.tollgate.filters.upstream.mint.TokenMinter;

/** The pipeline's filter factories, usable by name in any Spring Cloud Gateway route. */
@AutoConfiguration(after = { TollgateFiltersAutoConfiguration.class, MintingAutoConfiguration.class,
		PolicyAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
public class PipelineAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public StripHeadersGatewayFilterFactory stripHeadersGatewayFilterFactory() {
		return new StripHeadersGatewayFilterFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	public ForwardCredentialsGatewayFilterFactory forwardCredentialsGatewayFilterFactory() {
		return new ForwardCredentialsGatewayFilterFactory();
	}

	/** Caller credentials never reach an upstream unless a public route forwards them; on every route. */
	@Bean
	@ConditionalOnMissingBean
	public CredentialHeadersFilter tollgateCredentialHeadersFilter(
			@Value("${tollgate.api-keys.header:X-API-Key}") String apiKeyHeader) {
		return new CredentialHeadersFilter(apiKeyHeader);
	}

	@Bean
	@ConditionalOnMissingBean
	public Authenticator tollgateAuthenticator(@Value("${tollgate.api-keys.header:X-API-Key}") String apiKeyHeader,
			ObjectProvider<BearerAuthenticator> bearer, ObjectProvider<ApiKeyAuthenticator> apiKeys,
			ObjectProvider<AuthenticationListener> listeners) {
		return new Authenticator(new CredentialExtractor(apiKeyHeader), bearer.getIfAvailable(),
				apiKeys.getIfAvailable(), listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	public AuthenticateGatewayFilterFactory authenticateGatewayFilterFactory(Authenticator authenticator,
			ErrorResponder responder, DecisionRecorder recorder, ClientAddress clientAddress,
			ObjectProvider<FailedAuthLimiter> failedAuth) {
		return new AuthenticateGatewayFilterFactory(authenticator, responder, recorder, clientAddress,
				failedAuth.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	public AuthorizeGatewayFilterFactory authorizeGatewayFilterFactory(ErrorResponder responder,
			DecisionRecorder recorder) {
		return new AuthorizeGatewayFilterFactory(responder, recorder);
	}

	/** The whole pipeline as one filter; every {@code tollgate.routes} declaration runs as it. */
	@Bean
	@ConditionalOnMissingBean
	public TollgateGatewayFilterFactory tollgateGatewayFilterFactory(StripHeadersGatewayFilterFactory strip,
			AuthenticateGatewayFilterFactory authenticate, AuthorizeGatewayFilterFactory authorize,
			ObjectProvider<ClientRateLimitGatewayFilterFactory> rateLimit,
			UpstreamTokenGatewayFilterFactory upstreamToken, ErrorResponder responder,
			ObjectProvider<DecisionSpans> spans, ObjectProvider<McpStages> mcp,
			ObjectProvider<BindingStages> binding, ObjectProvider<PolicyStages> policies) {
		return new TollgateGatewayFilterFactory(strip, authenticate, authorize, rateLimit.getIfAvailable(),
				upstreamToken, responder, binding.getIfAvailable(), policies.getIfAvailable(), spans.getIfAvailable())
			.mcp(mcp.getIfAvailable());
	}

	/** The decision's own spans, only when tracing is switched on ({@code tollgate.tracing.enabled}). */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("tollgate.tracing.enabled")
	@ConditionalOnBean(ObservationRegistry.class)
	public DecisionSpans tollgateDecisionSpans(ObservationRegistry registry) {
		return new DecisionSpans(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	public UpstreamTokenGatewayFilterFactory upstreamTokenGatewayFilterFactory(TokenMinter minter,
			ObjectProvider<TokenExchanger> exchanger, ErrorResponder responder, DecisionRecorder recorder) {
		return new UpstreamTokenGatewayFilterFactory(minter, exchanger.getIfAvailable(), responder, recorder);
	}

}
