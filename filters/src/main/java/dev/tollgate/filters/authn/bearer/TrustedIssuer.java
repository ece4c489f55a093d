package dev.tollgate.filters.authn.bearer;

import java.util.Objects;

import dev.tollgate.filters.authn.introspection.IntrospectionEndpoint;
import dev.tollgate.filters.authn.jwks.JwksEndpoint;
import dev.tollgate.filters.authn.jwt.CompactJws;
import dev.tollgate.filters.authn.jwt.JwtPolicy;
import dev.tollgate.filters.authn.jwt.TokenValidator;

/**
 * One trusted issuer, resolved from configuration once.
 *
 * @param name the configured name
 * @param issuer the issuer identifier ({@code iss})
 * @param policy how its JWTs are validated
 * @param validator the issuer-level JWT checks built from the policy
 * @param jwks where its keys come from
 * @param introspection its introspection endpoint, or {@code null}
 * @param introspectJwts whether its JWTs are introspected instead of validated locally
 */
public record TrustedIssuer(String name, String issuer, JwtPolicy policy, TokenValidator<CompactJws> validator,
		JwksEndpoint jwks, IntrospectionEndpoint introspection, boolean introspectJwts) {

	public TrustedIssuer {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(issuer, "issuer");
		Objects.requireNonNull(policy, "policy");
		Objects.requireNonNull(validator, "validator");
		Objects.requireNonNull(jwks, "jwks");
	}

}
