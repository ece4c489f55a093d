package dev.tollgate.filters.authn.support;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.filters.authn.bearer.DefaultBearerAuthenticator;
import dev.tollgate.filters.authn.bearer.IssuersProperties;
import dev.tollgate.filters.authn.bearer.JwtAccessTokenVerifier;
import dev.tollgate.filters.authn.bearer.TrustedIssuers;
import dev.tollgate.filters.authn.bearer.VerifiedTokenCache;
import dev.tollgate.filters.authn.introspection.IntrospectionClient;
import dev.tollgate.filters.authn.introspection.OpaqueTokenIntrospector;
import dev.tollgate.filters.authn.jwks.JwksCache;
import dev.tollgate.filters.authn.jwks.JwksMetrics;
import dev.tollgate.filters.authn.jwks.WebClientJwksFetcher;
import dev.tollgate.testkit.TestSettings;

/**
 * The bearer validation stack wired as the auto-configuration wires it (real WebClient fetches, real caches), with
 * a test clock and its own meter registry.
 */
public record BearerStack(DefaultBearerAuthenticator authenticator, JwksCache jwks, VerifiedTokenCache verified,
		SimpleMeterRegistry registry) {

	public static BearerStack of(Clock clock, IssuersProperties.Issuer... issuers) {
		IssuersProperties properties = new IssuersProperties(List.of(issuers),
				TestSettings.under("tollgate.bearer").bind(IssuersProperties.Bearer.class));
		TrustedIssuers trusted = TrustedIssuers.from(properties, clock);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		JwksCache jwks = new JwksCache(trusted.jwksEndpoints(), new WebClientJwksFetcher(WebClient.builder()), clock,
				new JwksMetrics(registry, clock));
		VerifiedTokenCache verified = new VerifiedTokenCache(1000, clock, registry);
		OpaqueTokenIntrospector introspector = new OpaqueTokenIntrospector(new IntrospectionClient(WebClient.builder()),
				clock, registry, 1000);
		DefaultBearerAuthenticator authenticator = new DefaultBearerAuthenticator(trusted,
				new JwtAccessTokenVerifier(trusted, jwks), introspector, verified, clock, 8192, 16);
		return new BearerStack(authenticator, jwks, verified, registry);
	}

	/**
	 * An issuer entry as an operator would write it: no retries, and generous timeouts because a cold
	 * authorization server on a busy build machine can take seconds to answer its first request.
	 */
	public static IssuersProperties.Issuer issuer(String name, String issuerUri, String jwksUri) {
		return issuerSettings(name, issuerUri, jwksUri).bind(IssuersProperties.Issuer.class);
	}

	/** The settings of {@link #issuer}, for a test to add its own before binding. */
	public static TestSettings issuerSettings(String name, String issuerUri, String jwksUri) {
		return TestSettings.under("tollgate.issuers[0]")
			.set("name", name)
			.set("issuer-uri", issuerUri)
			.set("jwks-uri", jwksUri)
			.set("jwks.fetch-retries", 0)
			.set("jwks.fetch-timeout", Duration.ofSeconds(30))
			.set("introspection.timeout", Duration.ofSeconds(30));
	}

	public double counter(String name, String... tags) {
		var search = this.registry.find(name).tags(tags);
		return search.counters().stream().mapToDouble((c) -> c.count()).sum();
	}

}
