package dev.tollgate.filters.autoconfigure;

import java.util.List;

import dev.tollgate.filters.authn.apikey.ApiKeyProperties;
import dev.tollgate.filters.authn.bearer.IssuersProperties;
import dev.tollgate.filters.authn.bearer.IssuersPropertiesValidator;
import dev.tollgate.filters.edge.ConnectionsProperties;
import dev.tollgate.filters.edge.FirewallProperties;
import dev.tollgate.filters.observe.TracingProperties;
import dev.tollgate.filters.policy.PolicyChecks;
import dev.tollgate.filters.policy.PolicyProperties;
import dev.tollgate.filters.ratelimit.RateLimitPolicies;
import dev.tollgate.filters.ratelimit.RateLimitProperties;
import dev.tollgate.filters.upstream.exchange.StsProperties;
import dev.tollgate.filters.upstream.exchange.StsPropertiesValidator;
import dev.tollgate.filters.upstream.mint.MintingProperties;
import dev.tollgate.filters.binding.BindingProperties;
import dev.tollgate.filters.config.ConfigurationOwner;
import dev.tollgate.filters.config.ConfigurationProblems;
import dev.tollgate.filters.config.TollgateGatewayProperties;
import dev.tollgate.filters.config.TollgateRedisProperties;

/**
 * The filters module's settings: gateway, Redis, edge, issuers, API keys, rate limits, minting, STS profiles,
 * tracing, binding and route policies.
 */
public final class FiltersConfigurationOwner implements ConfigurationOwner {

	@Override
	public List<Class<?>> propertiesClasses() {
		return List.of(TollgateGatewayProperties.class, TollgateRedisProperties.class, FirewallProperties.class,
				ConnectionsProperties.class, IssuersProperties.class, ApiKeyProperties.class, RateLimitProperties.class,
				MintingProperties.class, StsProperties.class, TracingProperties.class, BindingProperties.class,
				PolicyProperties.class);
	}

	@Override
	public void validate(Bound bound, ConfigurationProblems problems) {
		IssuersPropertiesValidator.validate(bound.get(IssuersProperties.class), problems);
		bound.get(ApiKeyProperties.class).validate(problems);
		RateLimitPolicies.check(bound.get(RateLimitProperties.class), problems);
		bound.get(MintingProperties.class).validate(problems);
		bound.get(ConnectionsProperties.class).validate(problems);
		StsPropertiesValidator.validate(bound.get(StsProperties.class), problems);
		bound.get(BindingProperties.class).validate(problems);
		new PolicyChecks(bound.get(PolicyProperties.class)).check(problems);
	}

}
