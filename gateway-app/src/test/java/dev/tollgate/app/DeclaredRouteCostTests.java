package dev.tollgate.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.TestAuthorizationServer;

/**
 * A declared route ({@code tollgate.routes[].rate-limit}) without its own {@code rate-limit-cost} charges the
 * policy's {@code cost}: with 10/1h and cost 5, two requests pass and the third is limited. Before, declared routes
 * always passed cost 1 and the policy's cost was silently ignored.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class DeclaredRouteCostTests {

	static final String AUDIENCE = "https://gw.test/tools";

	static final EchoUpstream upstream = EchoUpstream.start(0);

	static final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.public-base-url", () -> "https://gw.test");
		registry.add("tollgate.minting.issuer", () -> "https://gw.test");
		registry.add("tollgate.issuers[0].name", () -> "test");
		registry.add("tollgate.issuers[0].issuer-uri", authorizationServer::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", authorizationServer::jwksUri);
		registry.add("tollgate.rate-limit.policies.heavy.limits[0]", () -> "10/1h");
		registry.add("tollgate.rate-limit.policies.heavy.cost", () -> "5");
		registry.add("tollgate.routes[0].id", () -> "tools");
		registry.add("tollgate.routes[0].path[0]", () -> "/tools/**");
		registry.add("tollgate.routes[0].upstream", upstream::uri);
		registry.add("tollgate.routes[0].audience", () -> AUDIENCE);
		registry.add("tollgate.routes[0].scopes[0]", () -> "orders:read");
		registry.add("tollgate.routes[0].rate-limit", () -> "heavy");
		registry.add("tollgate.routes[0].upstream-token.audience", () -> "tools-api");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		authorizationServer.close();
	}

	@Test
	void requestWhenDeclaredRouteHasNoCostThenPolicyCostCharged() {
		String token = authorizationServer.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");
		call(token).expectStatus().isOk().expectHeader().valueMatches("RateLimit", ".*;r=5;.*");
		call(token).expectStatus().isOk().expectHeader().valueMatches("RateLimit", ".*;r=0;.*");
		call(token).expectStatus().isEqualTo(429);
	}

	private WebTestClient.ResponseSpec call(String token) {
		return this.client.get().uri("/tools/1").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

}
