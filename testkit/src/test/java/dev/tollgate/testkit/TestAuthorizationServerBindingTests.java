package dev.tollgate.testkit;

import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.devauth.DevClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The test authorization server issues sender-constrained tokens: DPoP-bound (RFC 9449 §6) and certificate-bound. */
class TestAuthorizationServerBindingTests {

	private static TestAuthorizationServer server;

	@BeforeAll
	static void start() {
		server = TestAuthorizationServer.start(TestAuthorizationServer.defaultSettings()
			.client(DevClient.withId("agent-mtls")
				.secret(TestAuthorizationServer.SECRET)
				.scopes("orders:read")
				.certificateThumbprint("bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2")
				.build())
			.build());
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void dpopTokenWhenProofAtTokenEndpointThenCnfJktIsKeyThumbprint() throws Exception {
		SignedJWT jwt = SignedJWT.parse(server.dpopToken("agent-es", TestKeys.ec1(), "https://gw.test/orders",
				"orders:read"));

		Map<String, Object> cnf = jwt.getJWTClaimsSet().getJSONObjectClaim("cnf");
		assertThat(cnf).containsEntry("jkt", TestDpopProofs.thumbprint(TestKeys.ec1()));
	}

	@Test
	void dpopTokenWhenReferenceTokenThenIntrospectionShowsCnfJkt() {
		String token = server.dpopToken("agent-opaque", TestKeys.rsa1(), null, "tools:call");

		Map<String, Object> introspection = server.introspect(token);

		assertThat(introspection).containsEntry("active", true);
		assertThat(introspection.get("cnf")).isEqualTo(Map.of("jkt", TestDpopProofs.thumbprint(TestKeys.rsa1())));
	}

	@Test
	void clientCredentialsTokenWhenCertificateBoundClientThenCnfX5t() throws Exception {
		SignedJWT jwt = SignedJWT.parse(server.clientCredentialsToken("agent-mtls", null, "orders:read"));

		assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("cnf"))
			.containsEntry("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2");
	}

}
