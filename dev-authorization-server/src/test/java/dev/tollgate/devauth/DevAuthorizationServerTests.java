package dev.tollgate.devauth;

import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevAuthorizationServerTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static DevAuthorizationServer server;

	@BeforeAll
	static void startServer() {
		server = DevAuthorizationServer.start(DevAuthorizationServerSettings.builder()
			.clients(DevClient.withId("agent-rs").scopes("orders:read", "orders:write").build(),
					DevClient.withId("agent-es").scopes("orders:read").algorithm(DevClient.SigningAlgorithm.ES256)
						.build(),
					DevClient.withId("agent-opaque").scopes("orders:read")
						.tokenFormat(DevClient.TokenFormat.REFERENCE).build(),
					DevClient.withId("gateway")
						.grantTypes(DevClient.GrantType.CLIENT_CREDENTIALS, DevClient.GrantType.TOKEN_EXCHANGE)
						.scopes("orders:read", "orders:write").defaultAudience("gateway-default").build())
			.build());
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void clientCredentialsWhenResourceGivenThenAtJwtWithStringScopeAndResourceAudience() throws Exception {
		// RFC 9068 §2.1 typ, §2.2 claims; RFC 8707 resource becomes aud.
		SignedJWT jwt = SignedJWT.parse(token("agent-rs", "grant_type", "client_credentials", "scope",
				"orders:read orders:write", "resource", "https://gw.example/orders"));
		assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(jwt.getHeader().getKeyID()).isNotBlank();
		Map<String, Object> claims = jwt.getJWTClaimsSet().getClaims();
		assertThat(claims.get("scope")).isEqualTo("orders:read orders:write");
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("https://gw.example/orders");
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(server.issuerUri());
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("agent-rs");
		assertThat(claims).containsEntry("client_id", "agent-rs").containsKeys("exp", "iat", "jti");
		RSAKey key = jwks().getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
		assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
	}

	@Test
	void clientCredentialsWhenNoAudienceRequestedThenDefaultAudience() throws Exception {
		SignedJWT jwt = SignedJWT.parse(token("gateway", "grant_type", "client_credentials"));
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("gateway-default");
		assertThat(jwt.getJWTClaimsSet().getClaims()).doesNotContainKey("scope");
	}

	@Test
	void clientCredentialsWhenEs256ClientThenEs256Token() throws Exception {
		SignedJWT jwt = SignedJWT.parse(token("agent-es", "grant_type", "client_credentials", "scope", "orders:read",
				"audience", "orders"));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("orders");
		ECKey key = jwks().getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
		assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
	}

	@Test
	void tokenExchangeWhenSubjectTokenValidThenDownScopedTokenForRequestedAudience() throws Exception {
		// RFC 8693 §2.1 request, §2.2.1 response.
		String subject = token("agent-rs", "grant_type", "client_credentials", "scope", "orders:read orders:write",
				"resource", "https://gw.example/orders");
		server.resetCounters();
		String body = post(server.tokenUri(), "gateway",
				form("grant_type", DevEndpointFilter.TOKEN_EXCHANGE, "subject_token", subject, "subject_token_type",
						"urn:ietf:params:oauth:token-type:access_token", "audience", "orders-api", "scope",
						"orders:read"));
		assertThat(body).contains("\"issued_token_type\"");
		SignedJWT jwt = SignedJWT.parse(field(body, "access_token"));
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("orders-api");
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("agent-rs");
		assertThat(jwt.getJWTClaimsSet().getClaim("scope")).isEqualTo("orders:read");
		assertThat(jwt.getJWTClaimsSet().getClaim("client_id")).isEqualTo("gateway");
		assertThat(server.tokenExchangeRequests()).isEqualTo(1);
	}

	@Test
	void tokenExchangeWhenActorTokenGivenThenActClaim() throws Exception {
		// RFC 8693 §4.1 act.
		String subject = token("agent-rs", "grant_type", "client_credentials", "scope", "orders:read");
		String actor = token("gateway", "grant_type", "client_credentials");
		String body = post(server.tokenUri(), "gateway",
				form("grant_type", DevEndpointFilter.TOKEN_EXCHANGE, "subject_token", subject, "subject_token_type",
						"urn:ietf:params:oauth:token-type:access_token", "actor_token", actor, "actor_token_type",
						"urn:ietf:params:oauth:token-type:access_token", "resource", "https://orders.internal"));
		SignedJWT jwt = SignedJWT.parse(field(body, "access_token"));
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("agent-rs");
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("https://orders.internal");
		assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("act")).containsEntry("sub", "gateway");
	}

	@Test
	void tokenExchangeWhenScopeBeyondClientThenInvalidScope() throws Exception {
		String subject = token("agent-rs", "grant_type", "client_credentials", "scope", "orders:read");
		HttpResponse<String> response = send(server.tokenUri(), "gateway",
				form("grant_type", DevEndpointFilter.TOKEN_EXCHANGE, "subject_token", subject, "subject_token_type",
						"urn:ietf:params:oauth:token-type:access_token", "scope", "admin"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("invalid_scope");
	}

	@Test
	void introspectWhenReferenceTokenThenActiveUntilRevoked() throws Exception {
		// RFC 7662 §2.2 active/scope, RFC 7009 §2.2 revocation.
		String opaque = token("agent-opaque", "grant_type", "client_credentials", "scope", "orders:read", "audience",
				"orders");
		assertThat(opaque).doesNotContain(".");
		String active = post(server.introspectionUri(), "gateway", form("token", opaque));
		assertThat(active).contains("\"active\":true").contains("\"scope\":\"orders:read\"")
			.contains("\"client_id\":\"agent-opaque\"").contains("\"orders\"");
		HttpResponse<String> revoked = send(server.revocationUri(), "agent-opaque", form("token", opaque));
		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(post(server.introspectionUri(), "gateway", form("token", opaque))).contains("\"active\":false");
	}

	@Test
	void rotateSigningKeysWhenRotatedThenOldKeysStayPublishedAndNewKeySigns() throws Exception {
		SignedJWT before = SignedJWT.parse(token("agent-rs", "grant_type", "client_credentials"));
		server.rotateSigningKeys();
		SignedJWT after = SignedJWT.parse(token("agent-rs", "grant_type", "client_credentials"));
		assertThat(after.getHeader().getKeyID()).isNotEqualTo(before.getHeader().getKeyID());
		JWKSet jwks = jwks();
		assertThat(jwks.getKeyByKeyId(before.getHeader().getKeyID())).isNotNull();
		assertThat(jwks.getKeyByKeyId(after.getHeader().getKeyID())).isNotNull();
		assertThat(jwks.getKeys()).allSatisfy(k -> {
			assertThat(k.getAlgorithm()).isNotNull();
			assertThat(k.getKeyID()).isNotBlank();
			assertThat(k.isPrivate()).isFalse();
		});
		assertThat(jwks.getKeys()).extracting(k -> k.getKeyType().getValue()).contains("RSA", "EC");
	}

	@Test
	void mutualTlsTokenUriWhenStartedWithoutMutualTlsThenIllegalState() {
		assertThatThrownBy(server::mutualTlsTokenUri).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void metadataWhenNoMutualTlsThenNoMtlsEndpointAliases() throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest
			.newBuilder(URI.create(server.issuerUri() + "/.well-known/oauth-authorization-server"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("mtls_endpoint_aliases");
	}

	@Test
	void introspectWhenNoClientAuthenticationThen401() throws Exception {
		// RFC 7662 §2.1: the endpoint requires authorization.
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.introspectionUri()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("token=abc"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void introspectWhenCalledThenCounted() throws Exception {
		server.resetCounters();
		assertThat(post(server.introspectionUri(), "gateway", form("token", "unknown"))).contains("\"active\":false");
		assertThat(server.introspectionRequests()).isEqualTo(1);
	}

	@Test
	void unknownPathWhenRequestedThen404WithoutServerDetails() throws Exception {
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(URI.create(server.issuerUri() + "/nothing-here")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isIn(401, 404);
		assertThat(response.body()).doesNotContain("Tomcat");
	}

	@Test
	void startWhenFixedPortAndMetadataHiddenThenIssuerNamesPortAndMetadata404() throws Exception {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (DevAuthorizationServer hidden = DevAuthorizationServer.start(DevAuthorizationServerSettings.builder()
			.port(port).issuerHost("localhost").exposeMetadata(false)
			.client(DevClient.withId("c").build()).build())) {
			assertThat(hidden.issuerUri()).isEqualTo("http://localhost:" + port);
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(hidden.issuerUri()
					+ "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(404);
		}
	}

	@Test
	void jwksWhenFetchedThenCounted() throws Exception {
		server.resetCounters();
		jwks();
		jwks();
		assertThat(server.jwksRequests()).isEqualTo(2);
	}

	@Test
	void metadataWhenExposedThenNamesIssuerAndEndpoints() throws Exception {
		// RFC 8414 §3.
		String metadata = HTTP.send(HttpRequest.newBuilder(URI.create(server.issuerUri()
				+ "/.well-known/oauth-authorization-server")).build(), HttpResponse.BodyHandlers.ofString()).body();
		assertThat(metadata).contains("\"issuer\":\"" + server.issuerUri() + "\"").contains(server.jwksUri());
	}

	@Test
	void stopServingWhenStoppedThenConnectionRefusedAndResumeServesSamePort() throws Exception {
		int port = server.port();
		server.stopServing();
		try {
			assertThatThrownBy(DevAuthorizationServerTests::jwks).isInstanceOf(ConnectException.class);
		}
		finally {
			server.resumeServing();
		}
		assertThat(server.port()).isEqualTo(port);
		assertThat(jwks().getKeys()).isNotEmpty();
	}

	private static JWKSet jwks() throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.jwksUri())).build(),
				HttpResponse.BodyHandlers.ofString());
		return JWKSet.parse(response.body());
	}

	private static String token(String clientId, String... params) throws Exception {
		return field(post(server.tokenUri(), clientId, form(params)), "access_token");
	}

	private static String post(String uri, String clientId, String form) throws Exception {
		HttpResponse<String> response = send(uri, clientId, form);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static HttpResponse<String> send(String uri, String clientId, String form) throws Exception {
		String basic = Base64.getEncoder().encodeToString((clientId + ":secret").getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String form(String... params) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < params.length; i += 2) {
			map.put(params[i], params[i + 1]);
		}
		return map.entrySet().stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static String field(String json, String name) {
		int start = json.indexOf("\"" + name + "\":\"");
		assertThat(start).as(json).isNotNegative();
		start += name.length() + 4;
		return json.substring(start, json.indexOf('"', start));
	}

}
