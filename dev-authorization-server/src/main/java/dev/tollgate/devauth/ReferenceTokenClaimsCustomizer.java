package dev.tollgate.devauth;

import java.util.Map;

import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimsContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Gives reference (opaque) tokens the same {@code aud}, {@code client_id} and {@code act} as JWTs; introspection
 * (RFC 7662) returns these claims. {@code scope} stays a collection here because the introspection response
 * writer renders it as the space-delimited string RFC 7662 §2.2 requires. A bean, so it runs after Spring
 * Authorization Server's default customizer, whose {@code cnf} it leaves alone.
 */
final class ReferenceTokenClaimsCustomizer implements OAuth2TokenCustomizer<OAuth2TokenClaimsContext> {

	@Override
	public void customize(OAuth2TokenClaimsContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		context.getClaims().claims(claims -> {
			claims.put("sub", TokenPolicy.subject(context.getPrincipal()));
			claims.put("aud", TokenPolicy.audience(context));
			claims.put("client_id", context.getRegisteredClient().getClientId());
			Map<String, Object> act = TokenPolicy.actClaim(context.getPrincipal());
			if (act != null) {
				claims.put("act", act);
			}
		});
	}

}
