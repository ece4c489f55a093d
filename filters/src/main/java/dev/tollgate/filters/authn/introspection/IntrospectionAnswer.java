package dev.tollgate.filters.authn.introspection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tollgate.filters.authn.jwt.Claims;
import dev.tollgate.filters.authn.jwt.ScopeSyntax;
import dev.tollgate.filters.authn.jwt.TokenFailure;
import dev.tollgate.filters.authn.jwt.ValidatedToken;
import dev.tollgate.filters.authn.jwt.ValidationResult;
import dev.tollgate.filters.core.Confirmation;
import dev.tollgate.filters.core.CredentialKind;

/**
 * A read introspection answer (RFC 7662 §2.2): either a validated token or the failure to report, and how long the
 * answer may be cached. Holds no token material.
 *
 * @param token the validated token, or {@code null}
 * @param failure why the token is refused, or {@code null}
 * @param cacheUntil the answer may be reused until then: never past the token's {@code exp}, never longer than
 * the configured maximum
 */
record IntrospectionAnswer(ValidatedToken token, TokenFailure failure, Instant cacheUntil) {

	/**
	 * Read a JSON answer strictly: {@code active} must be a boolean; an active answer's claims must have their
	 * registered types (JSON null is none of them; {@code scope} in RFC 6749 §3.3 syntax, see {@link ScopeSyntax}),
	 * name this issuer if they name one, carry a bearer {@code token_type} if any, and an
	 * {@code aud} (checked against the route on every request).
	 * @throws IntrospectionException when {@code active} is not a boolean: the endpoint misbehaves
	 */
	static IntrospectionAnswer read(Map<String, Object> json, IntrospectionEndpoint endpoint, Instant now) {
		Instant maxUntil = now.plus(endpoint.cacheMaxTtl());
		if (!(json.get("active") instanceof Boolean active)) {
			throw new IntrospectionException("malformed_response", "introspection answer lacks a boolean active");
		}
		if (!active) {
			return new IntrospectionAnswer(null, TokenFailure.INACTIVE, maxUntil);
		}
		ValidationResult result = checkTypes(json, endpoint);
		Object iss = json.get("iss");
		if (iss != null && !endpoint.issuer().equals(iss)) {
			result = result.and(ValidationResult.failure(TokenFailure.UNKNOWN_ISSUER));
		}
		Object tokenType = json.get("token_type");
		Confirmation confirmation = Confirmation.of(json.get("cnf"));
		if (tokenType instanceof String type && !"bearer".equalsIgnoreCase(type)
				&& !("DPoP".equalsIgnoreCase(type) && confirmation.jkt() != null)) {
			// Only bearer tokens, and DPoP-bound ones whose cnf.jkt the binding stage checks against the proof
			// (RFC 9449 §6.2); any other token type cannot be used here (RFC 9449 §7.2).
			result = result.and(ValidationResult.failure(TokenFailure.BAD_TYPE));
		}
		if (json.containsKey("cnf") && !Claims.isObject(json.get("cnf"))) {
			result = result.and(ValidationResult.failure(TokenFailure.BAD_CLAIM_TYPE));
		}
		if (!result.isValid()) {
			return new IntrospectionAnswer(null, result.primary(), maxUntil);
		}
		String sub = (String) json.get("sub");
		String clientId = firstString(json, "client_id", endpoint.clientIdClaim());
		Object scope = json.get(scopeName(json, endpoint));
		Instant exp = Claims.instant(json.get("exp"));
		ValidatedToken token = new ValidatedToken(CredentialKind.OPAQUE, endpoint.issuerName(), sub,
				(clientId != null) ? clientId : sub, Claims.scopes(scope), Claims.strings(json.get("aud")), exp,
				Claims.instant(json.get("nbf")), endpoint.clockSkew(), confirmation, json);
		ValidationResult lifetime = token.checkLifetime(now);
		if (!lifetime.isValid()) {
			return new IntrospectionAnswer(null, lifetime.primary(), maxUntil);
		}
		Instant until = (exp != null && exp.isBefore(maxUntil)) ? exp : maxUntil;
		return new IntrospectionAnswer(token, null, until);
	}

	/**
	 * RFC 7662 §2.2 members, and the configured client-id and scope claims, may not be JSON null: a null would read
	 * as "absent" and, for {@code client_id}, silently pick the {@code sub} fallback.
	 */
	private static final List<String> NEVER_NULL = List.of("scope", "client_id", "username", "token_type", "exp",
			"iat", "nbf", "sub", "aud", "iss", "jti");

	private static ValidationResult checkTypes(Map<String, Object> json, IntrospectionEndpoint endpoint) {
		boolean badType = Claims.isNull(json, endpoint.clientIdClaim()) || Claims.isNull(json, endpoint.scopeClaim());
		for (String name : NEVER_NULL) {
			badType |= Claims.isNull(json, name);
		}
		for (String name : new String[] { "exp", "nbf", "iat" }) {
			Object value = json.get(name);
			badType |= value != null && !Claims.isNumericDate(value);
		}
		for (String name : new String[] { "iss", "sub", "client_id", endpoint.clientIdClaim(), "token_type",
				"username", "jti" }) {
			Object value = json.get(name);
			badType |= value != null && !Claims.isString(value);
		}
		Object aud = json.get("aud");
		badType |= aud != null && !Claims.isStringOrStrings(aud);
		// RFC 7662 §2.2: scope is a string in RFC 6749 §3.3 syntax; only a configured non-scope claim may be an array.
		String scopeName = scopeName(json, endpoint);
		Object scope = json.get(scopeName);
		badType |= scope != null && !ScopeSyntax.isValid(scope, ScopeSyntax.allowsArray(scopeName));
		ValidationResult result = ValidationResult.success();
		if (aud == null || (json.get("sub") == null && firstString(json, "client_id", endpoint.clientIdClaim()) == null)) {
			result = ValidationResult.failure(TokenFailure.MISSING_CLAIM);
		}
		return badType ? result.and(ValidationResult.failure(TokenFailure.BAD_CLAIM_TYPE)) : result;
	}

	/** {@code scope} when the answer has that member (even if null, which then fails), else the configured claim. */
	private static String scopeName(Map<String, Object> json, IntrospectionEndpoint endpoint) {
		return json.containsKey(ScopeSyntax.SCOPE) ? ScopeSyntax.SCOPE : endpoint.scopeClaim();
	}

	private static String firstString(Map<String, Object> json, String first, String second) {
		if (json.get(first) instanceof String value) {
			return value;
		}
		return (json.get(second) instanceof String value) ? value : null;
	}

}
