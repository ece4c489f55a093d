package dev.tollgate.testkit;

import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.devauth.DevAuthorizationServerSettings;
import dev.tollgate.devauth.DevClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivateKeyJwtTests {

	@Test
	void clientCredentialsWhenPrivateKeyJwtClientThenTokenIssuedAndWrongKeyRefused() throws Exception {
		// RFC 7523 §2.2 client authentication with a signed assertion; keys served by a controlled JWKS.
		try (TestJwks clientKeys = TestJwks.start(TestKeys.rsa2());
				TestAuthorizationServer as = TestAuthorizationServer.start(DevAuthorizationServerSettings.builder()
					.client(DevClient.withId("gateway-pkj")
						.privateKeyJwt(clientKeys.jwksUri(), DevClient.SigningAlgorithm.RS256)
						.grantTypes(DevClient.GrantType.CLIENT_CREDENTIALS, DevClient.GrantType.TOKEN_EXCHANGE)
						.scopes("orders:read")
						.build())
					.build())) {
			SignedJWT token = SignedJWT.parse(as.clientCredentialsTokenWithPrivateKeyJwt("gateway-pkj",
					TestKeys.rsa2(), "orders-api", "orders:read"));
			assertThat(token.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("gateway-pkj");
			assertThat(token.getJWTClaimsSet().getAudience()).containsExactly("orders-api");
			assertThatThrownBy(() -> as.clientCredentialsTokenWithPrivateKeyJwt("gateway-pkj", TestKeys.rsa1(),
					"orders-api")).hasMessageContaining("invalid_client");
		}
	}

}
