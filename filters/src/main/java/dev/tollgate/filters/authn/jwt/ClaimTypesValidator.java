package dev.tollgate.filters.authn.jwt;

import java.util.Map;

/**
 * Required claims are present and every claim the gateway reads has its registered JSON type (RFC 7519 §4.1,
 * RFC 9068 §2.2): {@code iss}, {@code sub}, {@code jti} and the client-id claim are strings; {@code aud} is a
 * string or an array of strings and is required; the scope claim is a space-delimited string or an array of
 * strings. The client id falls back to {@code sub}, so one of the two must be present.
 */
final class ClaimTypesValidator implements TokenValidator<CompactJws> {

	private final String clientIdClaim;

	private final String scopeClaim;

	ClaimTypesValidator(String clientIdClaim, String scopeClaim) {
		this.clientIdClaim = clientIdClaim;
		this.scopeClaim = scopeClaim;
	}

	@Override
	public ValidationResult validate(CompactJws jws) {
		Map<String, Object> claims = jws.claims();
		boolean missing = false;
		boolean badType = false;
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
				|| !optionalString(claims.get("jti"));
		Object scope = claims.get(this.scopeClaim);
		badType |= scope != null && !Claims.isStringOrStrings(scope);
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
