package com.example.consumer;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.admin.ApiKeysEndpoint;
import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.RedisHarness;
import dev.tollgate.testkit.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an application that adds only it: routes declared with {@code tollgate.routes}, a real bearer token
 * from Spring Authorization Server and a real API key in Redis through them, the admin endpoint behind its token, and
 * Tollgate's meters in the Prometheus scrape.
 */
@SpringBootTest(classes = ConsumerGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class StarterConsumerTests {

	static final String AUDIENCE = "https://gw.example/orders";

	static final String ADMIN_TOKEN = "starter-admin-token-0123456789abcdef";

	static final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();

	static final EchoUpstream upstream = EchoUpstream.start(0);

	@Autowired
	WebTestClient client;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		// testkit's dev authorization server puts Tomcat on this test classpath; a consumer's gateway has none.
		registry.add("spring.autoconfigure.exclude",
				() -> "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration");
		registry.add("tollgate.gateway.public-base-url", () -> "https://gw.example");
		registry.add("tollgate.redis.url", () -> RedisHarness.shared().uri());
		registry.add("tollgate.api-keys.redis-prefix", () -> "starter-" + UUID.randomUUID());
		registry.add("tollgate.issuers[0].name", () -> "test");
		registry.add("tollgate.issuers[0].issuer-uri", authorizationServer::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", authorizationServer::jwksUri);
		registry.add("tollgate.minting.issuer", () -> "https://gw.example");
		registry.add("tollgate.rate-limit.policies.standard.limits[0]", () -> "100/1m");
		registry.add("tollgate.routes[0].id", () -> "orders");
		registry.add("tollgate.routes[0].path[0]", () -> "/orders/**");
		registry.add("tollgate.routes[0].upstream", upstream::uri);
		registry.add("tollgate.routes[0].audience", () -> AUDIENCE);
		registry.add("tollgate.routes[0].scopes[0]", () -> "orders:read");
		registry.add("tollgate.routes[0].credentials[0]", () -> "bearer");
		registry.add("tollgate.routes[0].credentials[1]", () -> "api-key");
		registry.add("tollgate.routes[0].rate-limit", () -> "standard");
		registry.add("tollgate.routes[0].upstream-token.audience", () -> "orders-api");
		registry.add("tollgate.admin.token", () -> ADMIN_TOKEN);
		registry.add("management.endpoints.web.exposure.include", () -> "health,prometheus,apikeys");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		authorizationServer.close();
	}

	@Test
	void routeWhenBearerTokenThen200AndUpstreamGetsMintedTokenNotCallersToken() throws Exception {
		String token = authorizationServer.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");

		Map<String, Object> echo = echo(this.client.get()
			.uri("/orders/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("RateLimit-Policy", policy -> assertThat(policy).contains("q=100")));

		String forwarded = authorization(echo);
		assertThat(forwarded).startsWith("Bearer ").doesNotContain(token);
		assertThat(SignedJWT.parse(forwarded.substring(7)).getJWTClaimsSet().getAudience())
			.containsExactly("orders-api");
	}

	@Test
	void routeWhenApiKeyIssuedThroughAdminEndpointThen200AndKeyNeverReachesUpstream() throws Exception {
		Map<String, Object> issued = this.client.post()
			.uri("/actuator/apikeys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "issue", "clientId", "legacy-bot", "scopes", "orders:read"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		String key = (String) issued.get("key");

		Map<String, Object> echo = echo(
				this.client.get().uri("/orders/7").header("X-API-Key", key).exchange().expectStatus().isOk());

		assertThat(headers(echo).keySet()).noneMatch(h -> h.equalsIgnoreCase("X-API-Key"));
		assertThat(SignedJWT.parse(authorization(echo).substring(7)).getJWTClaimsSet().getStringClaim("client_id"))
			.isEqualTo("legacy-bot");
	}

	@Test
	void routeWhenNoCredentialThen401WithResourceMetadataChallenge() {
		this.client.get()
			.uri("/orders/42")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate\", "
					+ "resource_metadata=\"https://gw.example/.well-known/oauth-protected-resource/orders\"");
	}

	@Test
	void adminEndpointWhenNoAdminTokenThen401AndHealthStaysOpen() {
		this.client.get().uri("/actuator/apikeys").exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/actuator/apikeys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer not-the-admin-token-0123456789")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
	}

	@Test
	void prometheusWhenAdminTokenThenTollgateDecisionMetersPresent() {
		this.client.get().uri("/orders/1").exchange().expectStatus().isUnauthorized();

		String scrape = this.client.get()
			.uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(scrape).contains("tollgate_decisions_total{").contains("route=\"orders\"");
	}

	@Test
	void contextWhenOnlyStarterThenTollgateBeansComeFromAutoConfigurationAndOneSecurityChain() {
		assertThat(this.context.getBeansOfType(ApiKeysEndpoint.class)).hasSize(1);
		// The management chain alone: neither Spring Boot's defaults nor Tollgate's permit-all chain were added.
		assertThat(this.context.getBeansOfType(SecurityWebFilterChain.class)).containsOnlyKeys(
				"tollgateManagementSecurity");
		assertThat(this.context.getBeanNamesForType(ReactiveUserDetailsService.class)).as("no generated user")
			.isEmpty();
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
