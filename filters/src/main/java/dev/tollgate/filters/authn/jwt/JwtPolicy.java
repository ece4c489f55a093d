package dev.tollgate.filters.authn.jwt;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * How JWT access tokens of one trusted issuer are validated, resolved once from configuration.
 *
 * @param issuerName the configured short name, used in metrics, logs and route issuer lists
 * @param issuer the issuer identifier, compared with {@code iss} character for character (RFC 9068 §4)
 * @param algorithms the allow-listed signature algorithms, in configured order (RFC 8725 §3.1)
 * @param tokenTypes accepted {@code typ} values, lower case without an {@code application/} prefix
 * @param clockSkew tolerance applied to {@code exp} and {@code nbf}
 * @param clientIdClaim the claim holding the OAuth client id ({@code client_id}, {@code azp}, {@code cid}...)
 * @param scopeClaim the claim holding scopes, read by {@link ScopeSyntax}: a scope string, or for a claim not
 * named {@code scope} also an array of scope tokens
 */
public record JwtPolicy(String issuerName, String issuer, List<JWSAlgorithm> algorithms, Set<String> tokenTypes,
		Duration clockSkew, String clientIdClaim, String scopeClaim) {

	public JwtPolicy {
		Objects.requireNonNull(issuerName, "issuerName");
		Objects.requireNonNull(issuer, "issuer");
		algorithms = List.copyOf(algorithms);
		tokenTypes = tokenTypes.stream().map(JwtPolicy::normalizeType).collect(Collectors.toUnmodifiableSet());
		Objects.requireNonNull(clockSkew, "clockSkew");
		Objects.requireNonNull(clientIdClaim, "clientIdClaim");
		Objects.requireNonNull(scopeClaim, "scopeClaim");
	}

	/**
	 * A {@code typ} value in comparable form: media types are case-insensitive and {@code application/} may be
	 * omitted (RFC 7515 §4.1.9), so {@code application/AT+JWT} and {@code at+jwt} are the same.
	 */
	public static String normalizeType(String typ) {
		String lower = typ.trim().toLowerCase(Locale.ROOT);
		return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
	}

	public boolean allows(JWSAlgorithm algorithm) {
		return this.algorithms.contains(algorithm);
	}

}
