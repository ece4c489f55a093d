package dev.tollgate.filters.authn.jwt;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Required claims are present and every registered claim has its registered JSON type (RFC 7519 §4.1, RFC 9068
 * §2.2): {@code iss}, {@code sub}, {@code jti}, {@code azp}, {@code acr} and the client-id claim are strings;
 * {@code aud} is a string or an array of strings and is required; {@code auth_time} is a NumericDate;
 * {@code amr} an array of strings; {@code cnf}, {@code act} and {@code may_act} objects; the configured scope
 * claim, and {@code scope} whenever present, follow {@link ScopeSyntax}. The client id falls back to
 * {@code sub}, so one of the two must be present.
 * <p>
 * A registered claim present with JSON {@code null} is a wrong type, never "absent": otherwise {@code "nbf": null}
 * would switch off the not-before check and {@code "client_id": null} would pick the {@code sub} fallback.
 */
final class ClaimTypesValidator implements TokenValidator<CompactJws> {

	/**
	 * Claims that may never be JSON null: RFC 7519 §4.1, RFC 9068 §2.2 (including §2.2.3.1's SCIM attributes),
	 * OpenID Connect's {@code azp}, Okta's {@code cid} and {@code scp}, RFC 7800 {@code cnf} and RFC 8693
	 * {@code act} / {@code may_act}. The configured client-id and scope claims are added per issuer.
	 */
	static final List<String> NEVER_NULL = List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "client_id",
			"scope", "scp", "azp", "cid", "auth_time", "acr", "amr", "cnf", "act", "may_act", "groups", "roles",
			"entitlements");

	private final String clientIdClaim;

	private final String scopeClaim;

	private final Set<String> neverNull;

	ClaimTypesValidator(String clientIdClaim, String scopeClaim) {
		this.clientIdClaim = clientIdClaim;
		this.scopeClaim = scopeClaim;
		Set<String> names = new LinkedHashSet<>(NEVER_NULL);
		names.add(clientIdClaim);
		names.add(scopeClaim);
		this.neverNull = Set.copyOf(names);
	}

	@Override
	public ValidationResult validate(CompactJws jws) {
		Map<String, Object> claims = jws.claims();
		boolean badType = false;
		for (String name : this.neverNull) {
			badType |= Claims.isNull(claims, name);
		}
		boolean missing = false;
		Object aud = claims.get("aud");
		if (aud == null) {
			missing = true;
		}
		else if (!Claims.isStringOrStrings(aud)) {
			badType = true;
		}
		Object clientId = claims.get(this.clientIdClaim);
		Object sub = claims.get("sub");
		if (clientId == null && sub == null) {
			missing = true;
		}
		badType |= !optionalString(claims.get("iss")) || !optionalString(sub) || !optionalString(clientId)
				|| !optionalString(claims.get("jti")) || !optionalString(claims.get("azp"))
				|| !optionalString(claims.get("acr"));
		Object authTime = claims.get("auth_time");
		badType |= authTime != null && !Claims.isNumericDate(authTime);
		Object amr = claims.get("amr");
		badType |= amr != null && !(amr instanceof List<?> && Claims.isStringOrStrings(amr));
		for (String name : new String[] { "cnf", "act", "may_act" }) {
			Object value = claims.get(name);
			badType |= value != null && !Claims.isObject(value);
		}
		Object scope = claims.get(this.scopeClaim);
		badType |= scope != null && !ScopeSyntax.isValid(scope, ScopeSyntax.allowsArray(this.scopeClaim));
		// The registered scope claim keeps its string syntax even when the issuer's scopes are read from scp.
		Object registered = claims.get(ScopeSyntax.SCOPE);
		badType |= registered != null && !ScopeSyntax.isValid(registered, false);
		ValidationResult result = ValidationResult.success();
		if (missing) {
			result = result.and(ValidationResult.failure(TokenFailure.MISSING_CLAIM));
		}
		if (badType) {
			result = result.and(ValidationResult.failure(TokenFailure.BAD_CLAIM_TYPE));
		}
		return result;
	}

	private static boolean optionalString(Object value) {
		return value == null || Claims.isString(value);
	}

}
