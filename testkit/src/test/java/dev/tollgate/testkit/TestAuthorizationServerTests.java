package dev.tollgate.testkit;

import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestAuthorizationServerTests {

	private static final TestAuthorizationServer authorizationServer = TestAuthorizationServer.shared();

	@Test
	void clientCredentialsTokenWhenRsClientThenRs256JwtForAudience() throws Exception {
		SignedJWT jwt = SignedJWT.parse(
				authorizationServer.clientCredentialsToken("agent-rs", "https://gw.test/orders", "orders:read"));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("https://gw.test/orders");
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(authorizationServer.issuerUri());
	}

	@Test
	void clientCredentialsTokenWhenNoAudienceThenDefaultAudience() throws Exception {
		SignedJWT jwt = SignedJWT.parse(authorizationServer.clientCredentialsToken("agent-es", null));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(TestAuthorizationServer.DEFAULT_AUDIENCE);
	}

	@Test
	void opaqueTokenWhenIntrospectedThenActive() {
		String token = authorizationServer.opaqueToken("agent-opaque", "tools:call");
		Map<String, Object> introspection = authorizationServer.introspect(token);
		assertThat(introspection).containsEntry("active", true).containsEntry("scope", "tools:call");
	}

	@Test
	void opaqueTokenWhenJwtClientThenRefused() {
		assertThatThrownBy(() -> authorizationServer.opaqueToken("agent-rs"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void exchangeWhenGatewayExchangesThenOneStsCallAndNewAudience() throws Exception {
		String subject = authorizationServer.clientCredentialsToken("agent-rs", "https://gw.test/orders",
				"orders:read", "orders:write");
		authorizationServer.server().resetCounters();
		SignedJWT jwt = SignedJWT.parse(authorizationServer.exchange("gateway", subject, "orders-api", "orders:read"));
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("orders-api");
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("agent-rs");
		assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("orders:read");
		assertThat(authorizationServer.server().tokenExchangeRequests()).isEqualTo(1);
	}

	@Test
	void sharedWhenClosedThenStillServes() throws Exception {
		TestAuthorizationServer shared = TestAuthorizationServer.shared();
		shared.close();
		assertThat(TestAuthorizationServer.shared()).isSameAs(shared);
		assertThat(SignedJWT.parse(shared.clientCredentialsToken("agent-rs", null)).getJWTClaimsSet().getIssuer())
			.isEqualTo(shared.issuerUri());
	}

	@Test
	void exchangeWhenClientLacksGrantThenError() {
		String subject = authorizationServer.clientCredentialsToken("agent-rs", null);
		assertThatThrownBy(() -> authorizationServer.exchange("agent-es", subject, "orders-api"))
			.hasMessageContaining("unauthorized_client");
	}

}
