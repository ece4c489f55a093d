package dev.tollgate.filters.authn.bearer;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.tollgate.filters.authn.jwt.SupportedAlgorithms;

/**
 * Load-time validation of {@link IssuersProperties}: a misconfigured issuer stops startup with a message naming the
 * property, instead of failing requests later. Spring Boot runs it while binding, because
 * {@link IssuersProperties} delegates its {@code Validator} contract here.
 */
public final class IssuersPropertiesValidator implements Validator {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final Duration MAX_SKEW = Duration.ofMinutes(5);

	@Override
	public boolean supports(Class<?> type) {
		return IssuersProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		IssuersProperties properties = (IssuersProperties) target;
		Set<String> names = new HashSet<>();
		Set<String> issuerUris = new HashSet<>();
		List<IssuersProperties.Issuer> issuers = properties.getIssuers();
		for (int i = 0; i < issuers.size(); i++) {
			String path = "issuers[" + i + "].";
			IssuersProperties.Issuer issuer = issuers.get(i);
			if (issuer.getName() == null || !NAME.matcher(issuer.getName()).matches()) {
				errors.rejectValue(path + "name", "invalid", "must be 1-64 letters, digits, '.', '_' or '-'");
			}
			else if (!names.add(issuer.getName())) {
				errors.rejectValue(path + "name", "duplicate", "issuer name '" + issuer.getName() + "' is used twice");
			}
			if (!isAbsoluteUri(issuer.getIssuerUri())) {
				errors.rejectValue(path + "issuerUri", "invalid", "must be an absolute URI");
			}
			else if (!issuerUris.add(issuer.getIssuerUri())) {
				errors.rejectValue(path + "issuerUri", "duplicate", "two issuers have the same issuer-uri");
			}
			if (issuer.getJwksUri() != null && !isAbsoluteUri(issuer.getJwksUri())) {
				errors.rejectValue(path + "jwksUri", "invalid", "must be an absolute URI");
			}
			validateAlgorithms(issuer.getAlgorithms(), path, errors);
			if (issuer.getTokenTypes() == null || issuer.getTokenTypes().isEmpty()
					|| issuer.getTokenTypes().stream().anyMatch((t) -> t == null || t.isBlank())) {
				errors.rejectValue(path + "tokenTypes", "invalid", "must list at least one non-blank typ value");
			}
			if (issuer.getClockSkew() == null || issuer.getClockSkew().isNegative()
					|| issuer.getClockSkew().compareTo(MAX_SKEW) > 0) {
				errors.rejectValue(path + "clockSkew", "invalid", "must be between 0s and 5m");
			}
			requireText(issuer.getClientIdClaim(), path + "clientIdClaim", errors);
			requireText(issuer.getScopeClaim(), path + "scopeClaim", errors);
			validateIntrospection(issuer.getIntrospection(), path + "introspection.", errors);
			validateJwks(issuer.getJwks(), path + "jwks.", errors);
		}
		IssuersProperties.Bearer bearer = properties.getBearer();
		if (bearer.getMaxTokenLength() < 256 || bearer.getMaxTokenLength() > 65536) {
			errors.rejectValue("bearer.maxTokenLength", "invalid", "must be between 256 and 65536");
		}
		if (bearer.getMaxJsonDepth() < 2 || bearer.getMaxJsonDepth() > 64) {
			errors.rejectValue("bearer.maxJsonDepth", "invalid", "must be between 2 and 64");
		}
		if (bearer.getVerifiedTokenCacheSize() < 0) {
			errors.rejectValue("bearer.verifiedTokenCacheSize", "invalid", "must not be negative");
		}
		if (bearer.getIntrospectionCacheSize() < 1) {
			errors.rejectValue("bearer.introspectionCacheSize", "invalid", "must be positive");
		}
	}

	private static void validateAlgorithms(List<String> algorithms, String path, Errors errors) {
		if (algorithms == null || algorithms.isEmpty()) {
			errors.rejectValue(path + "algorithms", "invalid", "must list at least one algorithm");
			return;
		}
		for (String algorithm : algorithms) {
			if (SupportedAlgorithms.byName(algorithm) == null) {
				errors.rejectValue(path + "algorithms", "invalid", "'" + algorithm
						+ "' is not allowed; use RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA or Ed25519 (never HMAC or none)");
			}
		}
	}

	private static void validateIntrospection(IssuersProperties.Introspection introspection, String path,
			Errors errors) {
		if (introspection.getUri() == null) {
			if (introspection.isForJwts()) {
				errors.rejectValue(path + "forJwts", "invalid", "needs introspection.uri");
			}
			return;
		}
		if (!isAbsoluteUri(introspection.getUri())) {
			errors.rejectValue(path + "uri", "invalid", "must be an absolute URI");
		}
		requireText(introspection.getClientId(), path + "clientId", errors);
		requireText(introspection.getClientSecret(), path + "clientSecret", errors);
		requirePositive(introspection.getCacheMaxTtl(), path + "cacheMaxTtl", errors);
		requirePositive(introspection.getTimeout(), path + "timeout", errors);
		if (introspection.getMaxConcurrent() < 1) {
			errors.rejectValue(path + "maxConcurrent", "invalid", "must be at least 1");
		}
	}

	private static void validateJwks(IssuersProperties.Jwks jwks, String path, Errors errors) {
		requirePositive(jwks.getRefreshInterval(), path + "refreshInterval", errors);
		requirePositive(jwks.getMinRefetchInterval(), path + "minRefetchInterval", errors);
		requirePositive(jwks.getFetchTimeout(), path + "fetchTimeout", errors);
		if (isPositive(jwks.getRefreshInterval()) && isPositive(jwks.getMinRefetchInterval())
				&& jwks.getMinRefetchInterval().compareTo(jwks.getRefreshInterval()) > 0) {
			errors.rejectValue(path + "minRefetchInterval", "invalid", "must not exceed refresh-interval");
		}
		if (jwks.getFetchRetries() < 0 || jwks.getFetchRetries() > 3) {
			errors.rejectValue(path + "fetchRetries", "invalid", "must be between 0 and 3");
		}
	}

	private static void requireText(String value, String field, Errors errors) {
		if (value == null || value.isBlank()) {
			errors.rejectValue(field, "required", "must not be blank");
		}
	}

	private static void requirePositive(Duration value, String field, Errors errors) {
		if (!isPositive(value)) {
			errors.rejectValue(field, "invalid", "must be a positive duration");
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
