package dev.tollgate.devauth;

import java.util.Map;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes self-contained access tokens as RFC 9068 JWTs: {@code typ: at+jwt}, a {@code kid} naming the current key
 * of the client's algorithm, {@code aud} per {@link TokenPolicy#audience}, {@code client_id}, {@code scope} as one
 * string, and {@code act} after a delegated token exchange. A bean, so it runs after Spring Authorization Server's
 * default customizer, whose {@code cnf} it leaves alone.
 */
final class AccessTokenJwtCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final DevSigningKeys keys;

	AccessTokenJwtCustomizer(DevSigningKeys keys) {
		this.keys = keys;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		RegisteredClient client = context.getRegisteredClient();
		DevClient.SigningAlgorithm algorithm = TokenPolicy.algorithm(client);
		context.getJwsHeader()
			.algorithm(SignatureAlgorithm.from(algorithm.name()))
			.type("at+jwt")
			.keyId(this.keys.currentKeyId(algorithm));
		context.getClaims().claims(claims -> {
			claims.put("sub", TokenPolicy.subject(context.getPrincipal()));
			claims.put("aud", TokenPolicy.audience(context));
			claims.put("client_id", client.getClientId());
			if (context.getAuthorizedScopes().isEmpty()) {
				claims.remove("scope");
			}
			else {
				claims.put("scope", TokenPolicy.scope(context.getAuthorizedScopes()));
			}
			Map<String, Object> act = TokenPolicy.actClaim(context.getPrincipal());
			if (act != null) {
				claims.put("act", act);
			}
		});
	}

}
