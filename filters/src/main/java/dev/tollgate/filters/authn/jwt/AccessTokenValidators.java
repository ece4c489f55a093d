package dev.tollgate.filters.authn.jwt;

import java.time.Clock;
import java.util.List;

import dev.tollgate.filters.core.Confirmation;
import dev.tollgate.filters.core.CredentialKind;

/**
 * The issuer-level checks every JWT access token passes before its signature is verified, per RFC 9068 §4 and
 * RFC 8725: type, lifetime, required claims and claim types. Route-level checks (audience, route issuers) run on
 * the {@link ValidatedToken} on every request, also when it comes from the cache.
 */
public final class AccessTokenValidators {

	private AccessTokenValidators() {
	}

	public static TokenValidator<CompactJws> forIssuer(JwtPolicy policy, Clock clock) {
		return TokenValidator.all(List.of(new AccessTokenTypeValidator(policy.tokenTypes()),
				new LifetimeClaimsValidator(clock, policy.clockSkew()),
				new ClaimTypesValidator(policy.clientIdClaim(), policy.scopeClaim())));
	}

	/** The validated view of a token that passed {@link #forIssuer} and signature verification. */
	public static ValidatedToken toValidated(CompactJws jws, JwtPolicy policy) {
		var claims = jws.claims();
		String sub = (String) claims.get("sub");
		String clientId = (String) claims.get(policy.clientIdClaim());
		return new ValidatedToken(CredentialKind.JWT, policy.issuerName(), sub,
				(clientId != null) ? clientId : sub, Claims.scopes(claims.get(policy.scopeClaim())),
				Claims.strings(claims.get("aud")), Claims.instant(claims.get("exp")),
				Claims.instant(claims.get("nbf")), policy.clockSkew(), Confirmation.of(claims.get("cnf")), claims);
	}

}
