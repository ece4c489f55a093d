package dev.tollgate.filters.upstream.exchange;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import dev.tollgate.filters.RouteSecurity;
import dev.tollgate.filters.authn.BearerAuthenticator;
import dev.tollgate.filters.authn.CallerIdentity;
import dev.tollgate.filters.authn.CredentialKind;
import dev.tollgate.filters.errors.CallerFault;

/**
 * Validates callers' at+jwt tokens with Spring Security's decoder against the authorization server's JWKS, so the
 * end-to-end test runs the real authenticate stage before the exchange. (The gateway's own bearer authenticator
 * lives on another branch; this stands in for it in this module's tests only.)
 */
final class JwksBearerAuthenticator implements BearerAuthenticator {

	private final NimbusReactiveJwtDecoder decoder;

	JwksBearerAuthenticator(String issuer, String jwksUri) {
		this.decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwksUri)
			.jwtProcessorCustomizer((processor) -> processor
				.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"))))
			.build();
		// Spring Security 7's default validators expect typ JWT; these tokens are RFC 9068 at+jwt (checked above).
		this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
				new JwtIssuerValidator(issuer)));
	}

	@Override
	public Mono<CallerIdentity> authenticate(String token, RouteSecurity route) {
		return this.decoder.decode(token)
			.onErrorMap((ex) -> CallerFault.invalidToken("invalid", "The access token is not valid."))
			.flatMap((jwt) -> jwt.getAudience().contains(route.audience()) ? Mono.just(identity(jwt))
					: Mono.error(CallerFault.invalidToken("wrong_audience", "The token is for another audience.")));
	}

	private static CallerIdentity identity(Jwt jwt) {
		String scope = jwt.getClaimAsString("scope");
		Set<String> scopes = (scope != null) ? new HashSet<>(List.of(scope.split(" "))) : Set.of();
		return new CallerIdentity(jwt.getClaimAsString("client_id"), jwt.getSubject(), scopes, CredentialKind.JWT,
				"test", jwt.getExpiresAt(), null);
	}

}
