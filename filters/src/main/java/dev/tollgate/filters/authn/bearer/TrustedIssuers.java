package dev.tollgate.filters.authn.bearer;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;

import dev.tollgate.filters.authn.introspection.IntrospectionEndpoint;
import dev.tollgate.filters.authn.jwks.JwksEndpoint;
import dev.tollgate.filters.authn.jwks.JwksSettings;
import dev.tollgate.filters.authn.jwt.AccessTokenValidators;
import dev.tollgate.filters.authn.jwt.JwtPolicy;
import dev.tollgate.filters.authn.jwt.SupportedAlgorithms;
import dev.tollgate.filters.core.RouteSecurity;

/**
 * The configured trusted issuers, looked up by exact {@code iss} for validation and by name for routes and for the
 * RFC 9728 protected-resource metadata ({@code authorization_servers}).
 */
public final class TrustedIssuers {

	private final Map<String, TrustedIssuer> byName;

	private final Map<String, TrustedIssuer> byIssuer;

	public TrustedIssuers(List<TrustedIssuer> issuers) {
		Map<String, TrustedIssuer> names = new LinkedHashMap<>();
		Map<String, TrustedIssuer> uris = new LinkedHashMap<>();
		for (TrustedIssuer issuer : issuers) {
			names.put(issuer.name(), issuer);
			uris.put(issuer.issuer(), issuer);
		}
		this.byName = Collections.unmodifiableMap(names);
		this.byIssuer = Collections.unmodifiableMap(uris);
	}

	/** Resolve validated properties; {@code clock} drives lifetime checks. */
	public static TrustedIssuers from(IssuersProperties properties, Clock clock) {
		List<TrustedIssuer> issuers = new ArrayList<>();
		for (IssuersProperties.Issuer config : properties.issuers()) {
			List<JWSAlgorithm> algorithms = config.algorithms().stream().map(SupportedAlgorithms::byName).toList();
			JwtPolicy policy = new JwtPolicy(config.name(), config.issuerUri(), algorithms,
					Set.copyOf(config.tokenTypes()), config.clockSkew(), config.clientIdClaim(),
					config.scopeClaim());
			IssuersProperties.Jwks jwks = config.jwks();
			JwksEndpoint keys = new JwksEndpoint(config.name(), config.issuerUri(),
					(config.jwksUri() != null) ? URI.create(config.jwksUri()) : null, algorithms,
					new JwksSettings(jwks.refreshInterval(), jwks.minRefetchInterval(), jwks.fetchTimeout(),
							jwks.fetchRetries()));
			IssuersProperties.Introspection in = config.introspection();
			IntrospectionEndpoint introspection = (in.uri() == null) ? null
					: new IntrospectionEndpoint(config.name(), config.issuerUri(), URI.create(in.uri()),
							in.clientId(), in.clientSecret(), config.clientIdClaim(), config.scopeClaim(),
							config.clockSkew(), in.cacheMaxTtl(), in.timeout(), in.maxConcurrent());
			issuers.add(new TrustedIssuer(config.name(), config.issuerUri(), policy,
					AccessTokenValidators.forIssuer(policy, clock), keys, introspection, in.forJwts()));
		}
		return new TrustedIssuers(issuers);
	}

	/** The issuer whose identifier is exactly {@code iss}, or {@code null}. */
	public TrustedIssuer byIssuer(String iss) {
		return this.byIssuer.get(iss);
	}

	/** The issuer configured under {@code name}, or {@code null}. */
	public TrustedIssuer byName(String name) {
		return this.byName.get(name);
	}

	/** The issuer URI configured under {@code name}; for RFC 9728 {@code authorization_servers}. */
	public Optional<String> issuerUri(String name) {
		return Optional.ofNullable(this.byName.get(name)).map(TrustedIssuer::issuer);
	}

	/** Issuer name to issuer URI, in configuration order. */
	public Map<String, String> issuerUris() {
		Map<String, String> uris = new LinkedHashMap<>();
		this.byName.forEach((name, issuer) -> uris.put(name, issuer.issuer()));
		return Collections.unmodifiableMap(uris);
	}

	/**
	 * The issuer URIs whose tokens a route accepts ({@link RouteSecurity#issuers()}, empty meaning all), in
	 * configuration order: the route's RFC 9728 {@code authorization_servers}.
	 */
	public List<String> authorizationServers(RouteSecurity route) {
		return this.byName.values()
			.stream()
			.filter((issuer) -> route.issuers().isEmpty() || route.issuers().contains(issuer.name()))
			.map(TrustedIssuer::issuer)
			.toList();
	}

	/**
	 * The issuer that introspects this route's opaque tokens: the first, in configuration order, that the route
	 * accepts and that has an introspection endpoint. A token is never sent to a second issuer: that would show
	 * one identity provider another's tokens.
	 * @return the issuer, or {@code null} when none can introspect for the route
	 */
	public TrustedIssuer introspectionFor(RouteSecurity route) {
		for (TrustedIssuer issuer : this.byName.values()) {
			if (issuer.introspection() != null
					&& (route.issuers().isEmpty() || route.issuers().contains(issuer.name()))) {
				return issuer;
			}
		}
		return null;
	}

	/** Every issuer's JWKS endpoint, for the key cache. */
	public List<JwksEndpoint> jwksEndpoints() {
		return this.byName.values().stream().map(TrustedIssuer::jwks).toList();
	}

	public List<TrustedIssuer> all() {
		return List.copyOf(this.byName.values());
	}

}
