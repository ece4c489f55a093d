package dev.tollgate.filters.upstream.exchange;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.devauth.DevAuthorizationServer;
import dev.tollgate.filters.authn.AuthenticateGatewayFilterFactory;
import dev.tollgate.filters.upstream.UpstreamTokenGatewayFilterFactory;
import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A minimal gateway (Authenticate, then UpstreamToken with an STS profile) in front of a real upstream, against the
 * real Spring Authorization Server: the upstream sees only the exchanged token, never the caller's (MCP
 * authorization spec: no token passthrough; RFC 8693 §2).
 */
@SpringBootTest(classes = TokenExchangeEndToEndTests.GatewayApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TokenExchangeEndToEndTests {

	static final String ROUTE_AUDIENCE = "https://gw.test/orders";

	// Own instance: these tests stop it and count its token-exchange requests.
	static final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();

	static final DevAuthorizationServer sts = authorizationServer.server();

	static final EchoUpstream upstream = EchoUpstream.builder().refusing("/orders/refused", 401).start();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.public-base-url", () -> "https://gateway.test");
		registry.add("tollgate.issuers[0].name", () -> "test");
		registry.add("tollgate.issuers[0].issuer-uri", authorizationServer::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", authorizationServer::jwksUri);
		registry.add("tollgate.sts.corp.token-uri", authorizationServer::tokenUri);
		registry.add("tollgate.sts.corp.client-id", () -> "gateway");
		registry.add("tollgate.sts.corp.client-secret", () -> TestAuthorizationServer.SECRET);
		registry.add("tollgate.sts.corp.timeout", () -> "20s");
		registry.add("test.upstream", upstream::uri);
	}

	@AfterAll
	static void stop() {
		upstream.close();
		authorizationServer.close();
	}

	@BeforeEach
	void reset() {
		sts.resetCounters();
		// The first request warms JWKS, STS and upstream connections on a busy 2-core CI machine.
		this.client = this.client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
	}

	@Test
	void requestWhenBearerCallerThenUpstreamSeesOnlyTheExchangedTokenForItsAudience() throws Exception {
		String callerToken = authorizationServer.clientCredentialsToken("agent-rs", ROUTE_AUDIENCE, "orders:read",
				"orders:write");

		this.client.get()
			.uri("/orders/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + callerToken)
			.header("DPoP", "proof-for-the-gateway")
			.header(HttpHeaders.COOKIE, "session=caller-session")
			.exchange()
			.expectStatus()
			.isOk();

		String forwarded = upstream.lastHeader(HttpHeaders.AUTHORIZATION);
		assertThat(forwarded).startsWith("Bearer ");
		JWTClaimsSet claims = SignedJWT.parse(forwarded.substring("Bearer ".length())).getJWTClaimsSet();
		assertThat(claims.getAudience()).containsExactly("orders-api");
		assertThat(claims.getStringClaim("scope")).isEqualTo("orders:read");
		assertThat(claims.getSubject()).isEqualTo("agent-rs");
		Map<String, List<String>> seen = upstream.lastHeaders();
		assertThat(seen.toString()).doesNotContain(callerToken).doesNotContain("caller-session")
			.doesNotContain("proof-for-the-gateway");
		assertThat(sts.tokenExchangeRequests()).isEqualTo(1);
	}

	@Test
	void requestWhenSameCallerAgainThenCachedExchangedTokenAndNoSecondStsCall() {
		String callerToken = authorizationServer.clientCredentialsToken("agent-rs", ROUTE_AUDIENCE, "orders:read");

		for (int i = 0; i < 3; i++) {
			this.client.get()
				.uri("/orders/" + i)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + callerToken)
				.exchange()
				.expectStatus()
				.isOk();
		}

		assertThat(sts.tokenExchangeRequests()).isEqualTo(1);
	}

	@Test
	void requestWhenCallerHoldsNoneOfTheRouteScopesThen403AndNoWiderTokenRfc8693Section5() {
		String callerToken = authorizationServer.clientCredentialsToken("agent-rs", ROUTE_AUDIENCE, "tools:call");
		int before = upstream.requests();

		this.client.get()
			.uri("/orders/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + callerToken)
			.exchange()
			.expectStatus()
			.isForbidden();

		assertThat(upstream.requests()).isEqualTo(before);
		assertThat(sts.tokenExchangeRequests()).isZero();
	}

	@Test
	void requestWhenUpstreamRefusesExchangedTokenThenNextRequestExchangesAfresh() {
		String callerToken = authorizationServer.clientCredentialsToken("agent-rs", ROUTE_AUDIENCE, "orders:read");

		this.client.get()
			.uri("/orders/refused")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + callerToken)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		String refused = upstream.lastHeader(HttpHeaders.AUTHORIZATION);
		this.client.get()
			.uri("/orders/42")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + callerToken)
			.exchange()
			.expectStatus()
			.isOk();

		assertThat(sts.tokenExchangeRequests()).isEqualTo(2);
		assertThat(upstream.lastHeader(HttpHeaders.AUTHORIZATION)).isNotEqualTo(refused);
	}

	@Test
	void requestWhenStsDownAndNothingCachedThen503WithRetryAfterAndUpstreamNotCalled() {
		String callerToken = authorizationServer.clientCredentialsToken("agent-rs", ROUTE_AUDIENCE, "orders:read");
		int before = upstream.requests();

		sts.stopServing();
		try {
			this.client.get()
				.uri("/orders/42")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + callerToken)
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.exists(HttpHeaders.RETRY_AFTER);
		}
		finally {
			sts.resumeServing();
		}

		assertThat(upstream.requests()).isEqualTo(before);
	}

	/** The smallest gateway that runs the stages under test, with Tollgate's own bearer authenticator. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayApp {

		@Bean
		RouteLocator ordersRoute(RouteLocatorBuilder routes, AuthenticateGatewayFilterFactory authenticate,
				UpstreamTokenGatewayFilterFactory upstreamToken,
				org.springframework.core.env.Environment environment) {
			AuthenticateGatewayFilterFactory.Config authn = new AuthenticateGatewayFilterFactory.Config();
			authn.setRouteId("orders");
			authn.setAudience(ROUTE_AUDIENCE);
			authn.setScopes(List.of("orders:read"));
			UpstreamTokenGatewayFilterFactory.Config token = new UpstreamTokenGatewayFilterFactory.Config();
			token.setRouteId("orders");
			token.setExchange("corp");
			token.setAudience("orders-api");
			token.setScopes(List.of("orders:read"));
			return routes.routes()
				.route("orders", (r) -> r.path("/orders/**")
					.filters((f) -> f.filter(authenticate.apply(authn)).filter(upstreamToken.apply(token)))
					.uri(environment.getProperty("test.upstream")))
				.build();
		}

	}

}
