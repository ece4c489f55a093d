package dev.tollgate.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.devauth.DevClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test authorization server issues sender-constrained tokens: DPoP-bound (RFC 9449 §6) and, to clients that
 * authenticate with mutual TLS (RFC 8705 §2), certificate-bound (§3). Spring Authorization Server authenticates
 * the clients and writes {@code cnf}; every certificate is made at test time.
 */
class TestAuthorizationServerBindingTests {

	static final TestCertificates ca = TestCertificates.certificateAuthority("Test CA");

	static final TestCertificates pkiClient = ca.issue("agent-pki");

	static final TestCertificates pkiOpaqueClient = ca.issue("agent-pki-opaque");

	/** Issued by the trusted CA, so the TLS layer accepts it, but with a subject no client is registered with. */
	static final TestCertificates intruder = ca.issue("intruder");

	static final TestCertificates selfSignedClient = TestCertificates.selfSigned("agent-self");

	/** Self-signed and trusted by the TLS layer, but not in agent-self's JWK set. */
	static final TestCertificates stranger = TestCertificates.selfSigned("stranger");

	private static TestJwks selfSignedClientJwks;

	private static TestAuthorizationServer server;

	@BeforeAll
	static void start() {
		selfSignedClientJwks = TestJwks.start(selfSignedClient.jwk());
		server = TestAuthorizationServer.startWithMutualTls(TestAuthorizationServer.defaultSettings()
			.client(DevClient.withId("agent-pki").tlsClientAuth("CN=agent-pki").scopes("orders:read").build())
			.client(DevClient.withId("agent-pki-opaque")
				.tlsClientAuth("CN=agent-pki-opaque")
				.scopes("orders:read")
				.tokenFormat(DevClient.TokenFormat.REFERENCE)
				.build())
			.client(DevClient.withId("agent-self")
				.selfSignedTlsClientAuth(selfSignedClientJwks.jwksUri())
				.scopes("orders:read")
				.build()), ca, selfSignedClient, stranger);
	}

	@AfterAll
	static void stop() {
		server.close();
		selfSignedClientJwks.close();
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
	void mtlsClientCredentialsTokenWhenPkiClientThenCnfX5tIsCertificateThumbprint_rfc8705_3_1() throws Exception {
		SignedJWT jwt = SignedJWT.parse(server.mtlsClientCredentialsToken("agent-pki", pkiClient,
				"https://gw.test/orders", "orders:read"));

		assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("cnf")).isEqualTo(Map.of("x5t#S256",
				pkiClient.thumbprint()));
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("https://gw.test/orders");
		assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("agent-pki");
	}

	@Test
	void mtlsClientCredentialsTokenWhenSelfSignedClientThenCnfX5tIsCertificateThumbprint_rfc8705_2_2()
			throws Exception {
		SignedJWT jwt = SignedJWT.parse(server.mtlsClientCredentialsToken("agent-self", selfSignedClient, null,
				"orders:read"));

		assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("cnf")).isEqualTo(Map.of("x5t#S256",
				selfSignedClient.thumbprint()));
	}

	@Test
	void mtlsClientCredentialsTokenWhenReferenceTokenThenIntrospectionShowsCnfX5t_rfc8705_3_2() {
		String token = server.mtlsClientCredentialsToken("agent-pki-opaque", pkiOpaqueClient, null, "orders:read");

		Map<String, Object> introspection = server.introspect(token);

		assertThat(introspection).containsEntry("active", true);
		assertThat(introspection.get("cnf")).isEqualTo(Map.of("x5t#S256", pkiOpaqueClient.thumbprint()));
	}

	@Test
	void mtlsTokenRequestWhenNoCertificateThen401_rfc8705_2() {
		HttpResponse<String> response = server.postMutualTls("agent-pki", null,
				Map.of("grant_type", "client_credentials"));

		// A bare client_id is no client authentication at all: Spring Authorization Server's client authentication
		// filter passes the request on and the filter chain's entry point answers 401, without an RFC 6749 §5.2
		// body (as for any unauthenticated token request).
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("access_token");
	}

	@Test
	void mtlsTokenRequestWhenCertificateSubjectIsAnotherClientsThenInvalidClient_rfc8705_2_1() {
		HttpResponse<String> response = server.postMutualTls("agent-pki", intruder,
				Map.of("grant_type", "client_credentials"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("invalid_client");
	}

	@Test
	void mtlsTokenRequestWhenSelfSignedCertificateNotInClientsJwkSetThenInvalidClient_rfc8705_2_2() {
		HttpResponse<String> response = server.postMutualTls("agent-self", stranger,
				Map.of("grant_type", "client_credentials"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("invalid_client");
	}

	@Test
	void mtlsTokenRequestWhenPkiClientPresentsSelfSignedCertificateThenInvalidClient_rfc8705_2() {
		HttpResponse<String> response = server.postMutualTls("agent-pki", selfSignedClient,
				Map.of("grant_type", "client_credentials"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("invalid_client");
	}

	@Test
	void clientCredentialsTokenWhenMutualTlsClientUsesSecretThenRefused() {
		// A mutual-TLS client has no secret, so it cannot get an unbound token on the plain port.
		assertThatThrownBy(() -> server.clientCredentialsToken("agent-pki", null, "orders:read"))
			.hasMessageContaining("HTTP 401")
			.hasMessageContaining("invalid_client");
	}

	@Test
	void metadataWhenMutualTlsThenNamesMtlsEndpointAliases_rfc8705_5() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(server.issuerUri() + "/.well-known/oauth-authorization-server"))
				.build(), HttpResponse.BodyHandlers.ofString());
		Map<String, Object> metadata = JSONObjectUtils.parse(response.body());

		assertThat(metadata).containsEntry("tls_client_certificate_bound_access_tokens", true);
		assertThat(JSONObjectUtils.getJSONObject(metadata, "mtls_endpoint_aliases"))
			.containsEntry("token_endpoint", server.mutualTlsTokenUri());
		assertThat(JSONObjectUtils.getStringList(metadata, "token_endpoint_auth_methods_supported"))
			.contains("tls_client_auth", "self_signed_tls_client_auth");
	}

}
