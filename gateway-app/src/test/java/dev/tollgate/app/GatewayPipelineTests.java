package dev.tollgate.app;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline on a declared route, against a real Spring Authorization Server and a real upstream: what the
 * caller gets back and what the upstream receives.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayPipelineTests {

	static final String AUDIENCE = "https://gw.test/orders";

	static final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();

	static final EchoUpstream upstream = EchoUpstream.start(0);

	@Autowired
	WebTestClient client;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.public-base-url", () -> "https://gw.test");
		registry.add("tollgate.issuers[0].name", () -> "test");
		registry.add("tollgate.issuers[0].issuer-uri", authorizationServer::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", authorizationServer::jwksUri);
		registry.add("tollgate.minting.issuer", () -> "https://gw.test");
		registry.add("tollgate.routes[0].id", () -> "orders");
		registry.add("tollgate.routes[0].path[0]", () -> "/orders/**");
		registry.add("tollgate.routes[0].upstream", upstream::uri);
		registry.add("tollgate.routes[0].audience", () -> AUDIENCE);
		registry.add("tollgate.routes[0].scopes[0]", () -> "orders:read");
		registry.add("tollgate.routes[0].upstream-token.audience", () -> "orders-api");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		authorizationServer.close();
	}

	@Test
	void requestWhenValidTokenThen200AndUpstreamGetsMintedTokenNotCallersToken() throws Exception {
		String token = authorizationServer.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");

		Map<String, Object> echo = echo(this.client.get()
			.uri("/orders/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk());

		String forwarded = authorization(echo);
		assertThat(forwarded).startsWith("Bearer ").doesNotContain(token);
		SignedJWT minted = SignedJWT.parse(forwarded.substring(7));
		assertThat(minted.getJWTClaimsSet().getAudience()).containsExactly("orders-api");
		assertThat(minted.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("agent-rs");
		assertThat(minted.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("orders:read");
		assertThat(verifiesWithGatewayJwks(minted)).isTrue();
	}

	@Test
	void requestWhenNoCredentialThen401ChallengeWithoutErrorAndResourceMetadataRfc6750Section3_1() {
		this.client.get()
			.uri("/orders/42")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer realm=\"tollgate\", resource_metadata=\"https://gw.test/.well-known/oauth-protected-resource/orders\"")
			.expectHeader()
			.contentType("application/problem+json");
	}

	@Test
	void requestWhenTokenForAnotherAudienceThen401InvalidToken() {
		String token = authorizationServer.clientCredentialsToken("agent-rs", "https://gw.test/billing", "orders:read");

		this.client.get()
			.uri("/orders/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).contains("error=\"invalid_token\""));
	}

	@Test
	void requestWhenTokenLacksScopeThen403InsufficientScopeNamingScope() {
		String token = authorizationServer.clientCredentialsToken("agent-rs", AUDIENCE, "tools:call");

		this.client.get()
			.uri("/orders/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE,
					v -> assertThat(v).contains("error=\"insufficient_scope\"").contains("scope=\"orders:read\""));
	}

	@Test
	void requestWhenSpoofedIdentityHeadersThenUpstreamNeverSeesThem() {
		String token = authorizationServer.clientCredentialsToken("agent-es", AUDIENCE, "orders:read");

		Map<String, Object> echo = echo(this.client.get()
			.uri("/orders/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("X-Tollgate-Client-Id", "admin")
			.header("x_tollgate_scopes", "everything")
			.exchange()
			.expectStatus()
			.isOk());

		assertThat(headers(echo).keySet()).noneMatch(h -> h.toLowerCase().replace('_', '-').startsWith("x-tollgate"));
	}

	@Test
	void protectedResourceMetadataWhenRouteAuthenticatesThenNamesIssuerAndScopesRfc9728Section3() {
		this.client.get()
			.uri("/.well-known/oauth-protected-resource/orders")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.resource")
			.isEqualTo("https://gw.test/orders")
			.jsonPath("$.authorization_servers[0]")
			.isEqualTo(authorizationServer.issuerUri())
			.jsonPath("$.scopes_supported[0]")
			.isEqualTo("orders:read")
			.jsonPath("$.bearer_methods_supported[0]")
			.isEqualTo("header");
	}

	@Test
	void contextWhenGatewayRunsThenNoSpringSecurityChainHandlesRoutes() {
		// Tollgate's filters decide per route. The one Spring Security chain guards the actuator and matches nothing
		// else, so Spring's defaults (HTTP Basic, its cache headers, its challenge) never reach a route.
		Map<String, SecurityWebFilterChain> chains = this.context.getBeansOfType(SecurityWebFilterChain.class);
		assertThat(chains).containsOnlyKeys("tollgateManagementSecurity");
		MockServerWebExchange route = MockServerWebExchange.builder(MockServerHttpRequest.get("/orders/1").build())
			.applicationContext(this.context)
			.build();
		assertThat(chains.values().iterator().next().matches(route).block()).isFalse();
		this.client.get()
			.uri("/orders/1")
			.header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).startsWith("Bearer realm=\"tollgate\""))
			.expectHeader()
			.contentType("application/problem+json");
	}

	private boolean verifiesWithGatewayJwks(SignedJWT jwt) throws Exception {
		String jwks = this.client.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		ECKey key = (ECKey) JWKSet.parse(jwks).getKeyByKeyId(jwt.getHeader().getKeyID());
		return jwt.verify(new ECDSAVerifier(key));
	}

	static Map<String, Object> echo(WebTestClient.ResponseSpec response) {
		return response.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
		}).returnResult().getResponseBody();
	}

	@SuppressWarnings("unchecked")
	static Map<String, List<String>> headers(Map<String, Object> echo) {
		return (Map<String, List<String>>) echo.get("headers");
	}

	static String authorization(Map<String, Object> echo) {
		return headers(echo).entrySet()
			.stream()
			.filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
			.map(e -> e.getValue().get(0))
			.findFirst()
			.orElse(null);
	}

}
