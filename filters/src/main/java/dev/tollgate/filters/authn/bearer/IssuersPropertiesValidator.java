package dev.tollgate.filters.authn.bearer;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;


import dev.tollgate.filters.authn.jwt.SupportedAlgorithms;
import dev.tollgate.filters.config.ConfigurationProblems;

/**
 * Load-time validation of {@link IssuersProperties}: a misconfigured issuer stops startup with a message naming the
 * property, instead of failing requests later; every problem is reported at once.
 */
public final class IssuersPropertiesValidator {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final Duration MAX_SKEW = Duration.ofMinutes(5);

	private IssuersPropertiesValidator() {
	}

	/** Adds every problem of {@code tollgate.issuers[]} and {@code tollgate.bearer.*}. */
	public static void validate(IssuersProperties properties, ConfigurationProblems problems) {
		Set<String> names = new HashSet<>();
		Set<String> issuerUris = new HashSet<>();
		List<IssuersProperties.Issuer> issuers = properties.issuers();
		for (int i = 0; i < issuers.size(); i++) {
			String path = "tollgate.issuers[" + i + "].";
			IssuersProperties.Issuer issuer = issuers.get(i);
			if (issuer.name() == null || !NAME.matcher(issuer.name()).matches()) {
				problems.add(path + "name", "must be 1-64 letters, digits, '.', '_' or '-'");
			}
			else if (!names.add(issuer.name())) {
				problems.add(path + "name", "issuer name '" + issuer.name() + "' is used twice");
			}
			if (!isAbsoluteUri(issuer.issuerUri())) {
				problems.add(path + "issuer-uri", "must be an absolute URI");
			}
			else if (!issuerUris.add(issuer.issuerUri())) {
				problems.add(path + "issuer-uri", "two issuers have the same issuer-uri");
			}
			if (issuer.jwksUri() != null && !isAbsoluteUri(issuer.jwksUri())) {
				problems.add(path + "jwks-uri", "must be an absolute URI");
			}
			validateAlgorithms(issuer.algorithms(), path, problems);
			if (issuer.tokenTypes() == null || issuer.tokenTypes().isEmpty()
					|| issuer.tokenTypes().stream().anyMatch((t) -> t == null || t.isBlank())) {
				problems.add(path + "token-types", "must list at least one non-blank typ value");
			}
			if (issuer.clockSkew() == null || issuer.clockSkew().isNegative()
					|| issuer.clockSkew().compareTo(MAX_SKEW) > 0) {
				problems.add(path + "clock-skew", "must be between 0s and 5m");
			}
			requireText(issuer.clientIdClaim(), path + "client-id-claim", problems);
			requireText(issuer.scopeClaim(), path + "scope-claim", problems);
			validateIntrospection(issuer.introspection(), path + "introspection.", problems);
			validateJwks(issuer.jwks(), path + "jwks.", problems);
		}
		IssuersProperties.Bearer bearer = properties.bearer();
		if (bearer.maxTokenLength() < 256 || bearer.maxTokenLength() > 65536) {
			problems.add("tollgate.bearer.max-token-length", "must be between 256 and 65536");
		}
		if (bearer.maxJsonDepth() < 2 || bearer.maxJsonDepth() > 64) {
			problems.add("tollgate.bearer.max-json-depth", "must be between 2 and 64");
		}
		if (bearer.verifiedTokenCacheSize() < 0) {
			problems.add("tollgate.bearer.verified-token-cache-size", "must not be negative");
		}
		if (bearer.introspectionCacheSize() < 1) {
			problems.add("tollgate.bearer.introspection-cache-size", "must be positive");
		}
	}

	private static void validateAlgorithms(List<String> algorithms, String path, ConfigurationProblems problems) {
		if (algorithms == null || algorithms.isEmpty()) {
			problems.add(path + "algorithms", "must list at least one algorithm");
			return;
		}
		for (String algorithm : algorithms) {
			if (SupportedAlgorithms.byName(algorithm) == null) {
				problems.add(path + "algorithms", "'" + algorithm
						+ "' is not allowed; use RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA or Ed25519 (never HMAC or none)");
			}
		}
	}

	private static void validateIntrospection(IssuersProperties.Introspection introspection, String path,
			ConfigurationProblems problems) {
		if (introspection.uri() == null) {
			if (introspection.forJwts()) {
				problems.add(path + "for-jwts", "needs introspection.uri");
			}
			return;
		}
		if (!isAbsoluteUri(introspection.uri())) {
			problems.add(path + "uri", "must be an absolute URI");
		}
		requireText(introspection.clientId(), path + "client-id", problems);
		requireText(introspection.clientSecret(), path + "client-secret", problems);
		requirePositive(introspection.cacheMaxTtl(), path + "cache-max-ttl", problems);
		requirePositive(introspection.timeout(), path + "timeout", problems);
		if (introspection.maxConcurrent() < 1) {
			problems.add(path + "max-concurrent", "must be at least 1");
		}
	}

	private static void validateJwks(IssuersProperties.Jwks jwks, String path, ConfigurationProblems problems) {
		requirePositive(jwks.refreshInterval(), path + "refresh-interval", problems);
		requirePositive(jwks.minRefetchInterval(), path + "min-refetch-interval", problems);
		requirePositive(jwks.fetchTimeout(), path + "fetch-timeout", problems);
		if (isPositive(jwks.refreshInterval()) && isPositive(jwks.minRefetchInterval())
				&& jwks.minRefetchInterval().compareTo(jwks.refreshInterval()) > 0) {
			problems.add(path + "min-refetch-interval", "must not exceed refresh-interval");
		}
		if (jwks.fetchRetries() < 0 || jwks.fetchRetries() > 3) {
			problems.add(path + "fetch-retries", "must be between 0 and 3");
		}
	}

	private static void requireText(String value, String field, ConfigurationProblems problems) {
		if (value == null || value.isBlank()) {
			problems.add(field, "must not be blank");
		}
	}

	private static void requirePositive(Duration value, String field, ConfigurationProblems problems) {
		if (!isPositive(value)) {
			problems.add(field, "must be a positive duration");
		}
	}

	private static boolean isPositive(Duration value) {
		return value != null && !value.isNegative() && !value.isZero();
	}

	static boolean isAbsoluteUri(String value) {
		if (value == null || value.isBlank()) {
			return false;
		}
		try {
			URI uri = URI.create(value);
			return uri.isAbsolute() && uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
