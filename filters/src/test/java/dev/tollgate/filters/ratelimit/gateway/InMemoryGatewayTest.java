package dev.tollgate.filters.ratelimit.gateway;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One gateway without Redis (in-memory buckets): the answers, headers, costs and overrides of the
 * {@code ClientRateLimit} filter. Policy {@code standard} is 20/1h, {@code premium} 40/1h.
 */
class InMemoryGatewayTest {

	private static ConfigurableApplicationContext gateway;

	private static WebTestClient client;

	@BeforeAll
	static void start() {
		// Frozen: buckets refill by the clock, and a slow machine must not change the headers asserted below.
		gateway = RateLimitTestGateway.start(Map.of(), MutableClock.startingNow());
		client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + RateLimitTestGateway.port(gateway)).build();
	}

	@AfterAll
	static void stop() {
		gateway.close();
	}

	private static String newClient() {
		return "agent-" + UUID.randomUUID();
	}

	private static WebTestClient.ResponseSpec get(String path, String clientId) {
		return client.get().uri(path).header(TestIdentityGatewayFilterFactory.HEADER, clientId).exchange();
	}

	@Test
	void requestWhenWithinLimitThenUpstreamAnswersWithRateLimitHeaders() {
		get("/orders/1", newClient()).expectStatus().isOk()
			.expectHeader().valueEquals("RateLimit-Policy", "\"standard\";q=20;w=3600")
			// 1 unit of 20/1h comes back after 180 s.
			.expectHeader().valueEquals("RateLimit", "\"standard\";r=19;t=180")
			.expectHeader().doesNotExist("Retry-After");
	}

	@Test
	void requestWhenBudgetSpentThen429WithRetryAfterRateLimitHeadersAndProblemBody() {
		String agent = newClient();
		for (int i = 0; i < 20; i++) {
			get("/orders/1", agent).expectStatus().isOk();
		}

		get("/orders/1", agent).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader().valueEquals("Retry-After", "180")
			.expectHeader().valueEquals("RateLimit-Policy", "\"standard\";q=20;w=3600")
			.expectHeader().valueEquals("RateLimit", "\"standard\";r=0;t=3600")
			.expectHeader().contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.status").isEqualTo(429)
			.jsonPath("$.route").isEqualTo("orders")
			.jsonPath("$.type").isEqualTo("https://tollgate.dev/problems/limited");
	}

	@Test
	void requestWhenRouteCostsFiveThenFourRequestsSpendTwenty() {
		String agent = newClient();
		for (int i = 0; i < 4; i++) {
			get("/reports/q", agent).expectStatus().isOk();
		}

		get("/reports/q", agent).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void requestWhenRoutesDifferThenBudgetsAreSeparate() {
		String agent = newClient();
		for (int i = 0; i < 4; i++) {
			get("/reports/q", agent).expectStatus().isOk();
		}

		get("/orders/1", agent).expectStatus().isOk().expectHeader().valueEquals("RateLimit", "\"standard\";r=19;t=180");
	}

	@Test
	void requestWhenClientHasOverrideThenItsPolicyApplies() {
		// agent-vip -> premium (40/1h) on every route; used only by this test.
		get("/reports/q", "agent-vip").expectStatus().isOk()
			.expectHeader().valueEquals("RateLimit-Policy", "\"premium\";q=40;w=3600")
			.expectHeader().valueEquals("RateLimit", "\"premium\";r=35;t=450");
	}

	@Test
	void requestWhenNoCallerIdentityThen401AndNoBudgetConsumed() {
		client.get().uri("/open/x").exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().valueEquals("WWW-Authenticate", "Bearer realm=\"tollgate\"")
			.expectHeader().doesNotExist("RateLimit");
	}

	@Test
	void filterWhenPrintedThenShowsItsConfiguration() {
		String routes = gateway.getBean(RouteLocator.class).getRoutes()
			.filter(route -> route.getId().equals("reports"))
			.map(route -> route.getFilters().toString())
			.blockFirst();

		assertThat(routes).contains("ClientRateLimit").contains("cost = 5").contains("standard");
	}

}
