package dev.tollgate.filters.upstream.exchange;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.tollgate.filters.config.ConfigurationProblems;

/**
 * Load-time checks of {@code tollgate.sts.*}: each failure names the profile and property, so a broken profile stops
 * startup instead of surfacing as 503s later. Keys are loaded and checked when the profiles are built
 * ({@link StsProfiles}).
 */
public final class StsPropertiesValidator {

	private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private StsPropertiesValidator() {
	}

	public static void validate(StsProperties properties, ConfigurationProblems problems) {
		for (Map.Entry<String, StsProperties.Sts> entry : properties.sts().entrySet()) {
			String path = "sts." + entry.getKey();
			if (!PROFILE_NAME.matcher(entry.getKey()).matches()) {
				problems.add("tollgate." + path, "profile names are 1-64 characters of A-Z a-z 0-9 . _ -");
			}
			validate(path, entry.getValue(), problems);
		}
	}

	private static void validate(String path, StsProperties.Sts sts, ConfigurationProblems problems) {
		if (sts == null) {
			problems.add("tollgate." + path, "is empty");
			return;
		}
		URI uri = sts.tokenUri();
		if (uri == null) {
			reject(problems, path + ".token-uri", "is required");
		}
		else if (!isHttp(uri) || uri.getHost() == null || uri.getRawUserInfo() != null
				|| uri.getRawFragment() != null) {
			reject(problems, path + ".token-uri", "must be an absolute http(s) URI without user info or fragment");
		}
		if (isBlank(sts.clientId())) {
			reject(problems, path + ".client-id", "is required");
		}
		if (sts.clientAuth() == null) {
			reject(problems, path + ".client-auth", "is required");
		}
		else if (sts.clientAuth() == ClientAuthMethod.PRIVATE_KEY_JWT) {
			if (sts.privateKey() == null) {
				reject(problems, path + ".private-key", "is required for client-auth private_key_jwt");
			}
			else if (!sts.privateKey().exists()) {
				reject(problems, path + ".private-key", "names a file that does not exist");
			}
		}
		else if (isBlank(sts.clientSecret())) {
			reject(problems, path + ".client-secret",
					"is required for client-auth " + sts.clientAuth().name().toLowerCase(Locale.ROOT));
		}
		if (sts.actorToken() == ActorTokenMode.CLIENT_ASSERTION
				&& sts.clientAuth() != ClientAuthMethod.PRIVATE_KEY_JWT) {
			reject(problems, path + ".actor-token", "client_assertion requires client-auth private_key_jwt");
		}
		if (sts.actorToken() == null) {
			reject(problems, path + ".actor-token", "is required");
		}
		positive(problems, path + ".timeout", sts.timeout());
		positive(problems, path + ".assertion-ttl", sts.assertionTtl());
		positive(problems, path + ".retry-after", sts.retryAfter());
		notNegative(problems, path + ".refresh-margin", sts.refreshMargin());
		notNegative(problems, path + ".negative-cache-ttl", sts.negativeCacheTtl());
		if (sts.cacheMaxSize() < 0) {
			reject(problems, path + ".cache-max-size", "must not be negative (0 disables caching)");
		}
		if (sts.actorScopes() != null
				&& sts.actorScopes().stream().anyMatch(StsPropertiesValidator::isBadScope)) {
			reject(problems, path + ".actor-scopes",
					"entries must be non-blank scope tokens without spaces (RFC 6749 §3.3)");
		}
	}

	private static boolean isHttp(URI uri) {
		return uri.isAbsolute() && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
	}

	private static void positive(ConfigurationProblems problems, String field, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			reject(problems, field, "must be a positive duration");
		}
	}

	private static void notNegative(ConfigurationProblems problems, String field, Duration value) {
		if (value == null || value.isNegative()) {
			reject(problems, field, "must be a duration of zero or more");
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

	private static void reject(ConfigurationProblems problems, String field, String message) {
		problems.add("tollgate." + field, message);
	}

}
