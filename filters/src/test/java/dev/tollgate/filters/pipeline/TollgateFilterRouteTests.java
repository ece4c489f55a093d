package dev.tollgate.filters.pipeline;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.TestJwks;
import dev.tollgate.testkit.TestJwtBuilder;
import dev.tollgate.testkit.TestJwts;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code Tollgate} filter on a hand-written Spring Cloud Gateway route: the whole pipeline from the filter's
 * arguments, in front of an upstream that counts what reaches it.
 */
@SpringBootTest(classes = TollgateFilterRouteTests.GatewayApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TollgateFilterRouteTests {

	static final String AUDIENCE = "https://gateway.test/orders";

	static final TestJwks lab = TestJwks.start(TestKeys.rsa1());

	static final EchoUpstream upstream = EchoUpstream.builder().start();

	@Autowired
	WebTestClient client;

	@Autowired
	ApplicationContext context;

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayApp {

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.public-base-url", () -> "https://gateway.test");
		registry.add("tollgate.issuers[0].name", () -> "lab");
		registry.add("tollgate.issuers[0].issuer-uri", lab::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", lab::jwksUri);
		registry.add("tollgate.rate-limit.policies.standard.limits[0]", () -> "2/1h");
		String route = "spring.cloud.gateway.server.webflux.routes[0].";
		registry.add(route + "id", () -> "orders");
		registry.add(route + "uri", upstream::uri);
		registry.add(route + "predicates[0]", () -> "Path=/orders/**");
		registry.add(route + "filters[0].name", () -> "Tollgate");
		registry.add(route + "filters[0].args.audience", () -> AUDIENCE);
		registry.add(route + "filters[0].args.scopes[0]", () -> "orders:read");
		registry.add(route + "filters[0].args.credentials[0]", () -> "BEARER");
		registry.add(route + "filters[0].args.rateLimit", () -> "standard");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		lab.close();
	}

	private static TestJwtBuilder token(String client) {
		return TestJwts.jwt().issuer(lab.issuerUri()).audience(AUDIENCE).clientId(client).scope("orders:read");
	}

	@Test
	void requestWhenTokenHoldsTheScopeThenUpstreamGetsAMintedTokenInsteadOfTheCallers() {
		String callers = token("agent-ok").build();
		this.client.get().uri("/orders/1").headers(h -> h.setBearerAuth(callers))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().exists("RateLimit-Policy");

		// The upstream got a bearer token, the gateway's minted one, never the caller's.
		assertThat(upstream.lastHeader(HttpHeaders.AUTHORIZATION)).startsWith("Bearer ").isNotEqualTo("Bearer " + callers);
	}

	@Test
	void requestWhenScopeMissingThen403InsufficientScopeAndUpstreamUntouched() {
		int before = upstream.requests();
		this.client.get().uri("/orders/1")
			.headers(h -> h.setBearerAuth(token("agent-noscope").scope("orders:write").build()))
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).contains("insufficient_scope"));

		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void requestWhenClientSpentItsBudgetThen429() {
		String jwt = token("agent-busy").build();
		for (int i = 0; i < 2; i++) {
			this.client.get().uri("/orders/1").headers(h -> h.setBearerAuth(jwt)).exchange().expectStatus().isOk();
		}
		this.client.get().uri("/orders/1").headers(h -> h.setBearerAuth(jwt)).exchange()
			.expectStatus().isEqualTo(429)
			.expectHeader().exists(HttpHeaders.RETRY_AFTER);
	}

	@Test
	void filterWhenPrintedThenNamesItsStagesInOrder() {
		String filters = this.context.getBean(RouteLocator.class).getRoutes()
			.filter(route -> route.getId().equals("orders"))
			.map(route -> route.getFilters().toString())
			.blockFirst();

		assertThat(filters).contains("Tollgate[authenticate, binding, authorize, rate-limit, upstream-token]");
	}

}
