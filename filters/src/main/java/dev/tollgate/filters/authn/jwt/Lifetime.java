package dev.tollgate.filters.authn.jwt;

import java.time.Duration;
import java.time.Instant;

/** The {@code exp} and {@code nbf} checks with a bounded clock skew (RFC 7519 §4.1.4, §4.1.5). */
final class Lifetime {

	private Lifetime() {
	}

	/**
	 * @param expiresAt {@code exp}, or {@code null} when none is known (introspection only; JWTs require it)
	 * @param notBefore {@code nbf}, or {@code null}
	 */
	static ValidationResult check(Instant expiresAt, Instant notBefore, Instant now, Duration skew) {
		ValidationResult result = ValidationResult.success();
		if (expiresAt != null && !now.isBefore(expiresAt.plus(skew))) {
			result = result.and(ValidationResult.failure(TokenFailure.EXPIRED));
		}
		if (notBefore != null && now.isBefore(notBefore.minus(skew))) {
			result = result.and(ValidationResult.failure(TokenFailure.NOT_YET_VALID));
		}
		return result;
	}

}
