package dev.tollgate.filters.authn.jwt;

import java.util.Set;

/**
 * Accepts only the issuer's access-token {@code typ} values (RFC 9068 §2.1, RFC 8725 §3.11), so ID tokens
 * ({@code JWT} or none), logout tokens ({@code logout+jwt}), DPoP proofs ({@code dpop+jwt}) and client assertions
 * are not mistaken for access tokens. A token without {@code typ} passes only when the issuer opted in to
 * {@code jwt}, for identity providers that do not send {@code at+jwt}.
 */
final class AccessTokenTypeValidator implements TokenValidator<CompactJws> {

	private static final ValidationResult BAD_TYPE = ValidationResult.failure(TokenFailure.BAD_TYPE);

	private final Set<String> accepted;

	AccessTokenTypeValidator(Set<String> normalizedTypes) {
		this.accepted = Set.copyOf(normalizedTypes);
	}

	@Override
	public ValidationResult validate(CompactJws jws) {
		String typ = jws.type();
		boolean ok = (typ == null) ? this.accepted.contains("jwt")
				: this.accepted.contains(JwtPolicy.normalizeType(typ));
		return ok ? ValidationResult.success() : BAD_TYPE;
	}

}
