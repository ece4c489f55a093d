package dev.tollgate.filters.authn.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code exp} is required (RFC 9068 §2.2) and, like {@code nbf} and {@code iat}, must be a JSON number; the token
 * must be within its lifetime with the issuer's clock skew (RFC 7519 §4.1.4, §4.1.5).
 */
final class LifetimeClaimsValidator implements TokenValidator<CompactJws> {

	private final Clock clock;

	private final Duration skew;

	LifetimeClaimsValidator(Clock clock, Duration skew) {
		this.clock = clock;
		this.skew = skew;
	}

	@Override
	public ValidationResult validate(CompactJws jws) {
		Map<String, Object> claims = jws.claims();
		Object exp = claims.get("exp");
		Object nbf = claims.get("nbf");
		Object iat = claims.get("iat");
		ValidationResult result = ValidationResult.success();
		if (exp == null) {
			result = result.and(ValidationResult.failure(TokenFailure.MISSING_CLAIM));
		}
		boolean typesOk = (exp == null || Claims.isNumericDate(exp)) && (nbf == null || Claims.isNumericDate(nbf))
				&& (iat == null || Claims.isNumericDate(iat));
		if (!typesOk) {
			return result.and(ValidationResult.failure(TokenFailure.BAD_CLAIM_TYPE));
		}
		return result.and(Lifetime.check(Claims.instant(exp), Claims.instant(nbf), this.clock.instant(), this.skew));
	}

}
