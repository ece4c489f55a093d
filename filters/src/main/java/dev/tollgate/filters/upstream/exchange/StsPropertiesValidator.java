package dev.tollgate.filters.upstream.exchange;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.validation.Errors;

/**
 * Load-time checks of {@code tollgate.sts.*}: each failure names the profile and property, so a broken profile stops
 * startup instead of surfacing as 503s later. Keys are loaded and checked when the profiles are built
 * ({@link StsProfiles}).
 */
final class StsPropertiesValidator {

	private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private StsPropertiesValidator() {
	}

	static void validate(StsProperties properties, Errors errors) {
		for (Map.Entry<String, StsProperties.Sts> entry : properties.getSts().entrySet()) {
			String path = "sts." + entry.getKey();
			if (!PROFILE_NAME.matcher(entry.getKey()).matches()) {
				errors.reject("invalid",
						"tollgate." + path + ": profile names are 1-64 characters of A-Z a-z 0-9 . _ -");
			}
			validate(path, entry.getValue(), errors);
		}
	}

	private static void validate(String path, StsProperties.Sts sts, Errors errors) {
		if (sts == null) {
			errors.reject("required", "tollgate." + path + " is empty");
			return;
		}
		URI uri = sts.getTokenUri();
		if (uri == null) {
			reject(errors, path + ".token-uri", "is required");
		}
		else if (!isHttp(uri) || uri.getHost() == null || uri.getRawUserInfo() != null
				|| uri.getRawFragment() != null) {
			reject(errors, path + ".token-uri", "must be an absolute http(s) URI without user info or fragment");
		}
		if (isBlank(sts.getClientId())) {
			reject(errors, path + ".client-id", "is required");
		}
		if (sts.getClientAuth() == null) {
			reject(errors, path + ".client-auth", "is required");
		}
		else if (sts.getClientAuth() == ClientAuthMethod.PRIVATE_KEY_JWT) {
			if (sts.getPrivateKey() == null) {
				reject(errors, path + ".private-key", "is required for client-auth private_key_jwt");
			}
			else if (!sts.getPrivateKey().exists()) {
				reject(errors, path + ".private-key", "names a file that does not exist");
			}
		}
		else if (isBlank(sts.getClientSecret())) {
			reject(errors, path + ".client-secret",
					"is required for client-auth " + sts.getClientAuth().name().toLowerCase(Locale.ROOT));
		}
		if (sts.getActorToken() == ActorTokenMode.CLIENT_ASSERTION
				&& sts.getClientAuth() != ClientAuthMethod.PRIVATE_KEY_JWT) {
			reject(errors, path + ".actor-token", "client_assertion requires client-auth private_key_jwt");
		}
		if (sts.getActorToken() == null) {
			reject(errors, path + ".actor-token", "is required");
		}
		positive(errors, path + ".timeout", sts.getTimeout());
		positive(errors, path + ".assertion-ttl", sts.getAssertionTtl());
		positive(errors, path + ".retry-after", sts.getRetryAfter());
		notNegative(errors, path + ".refresh-margin", sts.getRefreshMargin());
		notNegative(errors, path + ".negative-cache-ttl", sts.getNegativeCacheTtl());
		if (sts.getCacheMaxSize() < 0) {
			reject(errors, path + ".cache-max-size", "must not be negative (0 disables caching)");
		}
		if (sts.getActorScopes() != null
				&& sts.getActorScopes().stream().anyMatch(StsPropertiesValidator::isBadScope)) {
			reject(errors, path + ".actor-scopes",
					"entries must be non-blank scope tokens without spaces (RFC 6749 §3.3)");
		}
	}

	private static boolean isHttp(URI uri) {
		return uri.isAbsolute() && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
	}

	private static void positive(Errors errors, String field, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			reject(errors, field, "must be a positive duration");
		}
	}

	private static void notNegative(Errors errors, String field, Duration value) {
		if (value == null || value.isNegative()) {
			reject(errors, field, "must be a duration of zero or more");
		}
	}

	static boolean isBadScope(String scope) {
		if (scope == null || scope.isEmpty()) {
			return true;
		}
		for (int i = 0; i < scope.length(); i++) {
			char c = scope.charAt(i);
			// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
			if (c < 0x21 || c == 0x22 || c == 0x5C || c > 0x7E) {
				return true;
			}
		}
		return false;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static void reject(Errors errors, String field, String message) {
		errors.reject("invalid", "tollgate." + field + " " + message);
	}

}
