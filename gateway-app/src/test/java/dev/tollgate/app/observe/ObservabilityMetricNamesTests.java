package dev.tollgate.app.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.app.TollgateApplication;
import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.RedisHarness;
import dev.tollgate.testkit.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the Grafana dashboard and the Prometheus alert rules in {@code deploy/observability} read exists, by
 * its Prometheus name, in a running gateway: the real application with the Kubernetes base configuration
 * ({@code deploy/kubernetes/base/application.yml}), a real authorization server (JWTs, opaque tokens, token
 * exchange), a real Redis and a real upstream. The requests below make every meter register, including the ones
 * that only exist after a refusal (429) or a Redis outage (fallback). A renamed meter fails this test instead of
 * leaving a dashboard panel empty and an alert silent.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.additional-location=file:../deploy/kubernetes/base/application.yml",
				"management.server.port=0", "management.server.address=127.0.0.1" })
@AutoConfigureWebTestClient
class ObservabilityMetricNamesTests {

	static final Path OBSERVABILITY = Path.of("..", "deploy", "observability");

	static final String ORDERS = "https://gw.test/orders";

	static final String TOOLS = "https://gw.test/tools";

	static final TestAuthorizationServer authorizationServer = TestAuthorizationServer.shared();

	static final EchoUpstream upstream = EchoUpstream.start(0);

	// Own Redis: this test stops it to make the rate limiter fall back.
	static final RedisHarness redis = RedisHarness.dedicated();

	@Autowired
	WebTestClient client;

	@Autowired
	PrometheusMeterRegistry registry;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.redis.url", redis::uri);
		registry.add("tollgate.minting.issuer", () -> "https://gw.test");
		registry.add("tollgate.gateway.public-base-url", () -> "https://gw.test");
		registry.add("tollgate.issuers[0].name", () -> "test");
		registry.add("tollgate.issuers[0].issuer-uri", authorizationServer::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", authorizationServer::jwksUri);
		registry.add("tollgate.issuers[0].introspection.uri", authorizationServer::introspectionUri);
		registry.add("tollgate.issuers[0].introspection.client-id", () -> "gateway");
		registry.add("tollgate.issuers[0].introspection.client-secret", () -> TestAuthorizationServer.SECRET);
		registry.add("tollgate.sts.corp.token-uri", authorizationServer::tokenUri);
		registry.add("tollgate.sts.corp.client-id", () -> "gateway");
		registry.add("tollgate.sts.corp.client-secret", () -> TestAuthorizationServer.SECRET);
		registry.add("tollgate.rate-limit.policies.standard.limits[0]", () -> "1000/1m");
		registry.add("tollgate.rate-limit.policies.tight.limits[0]", () -> "1/1h");
		registry.add("tollgate.routes[0].id", () -> "orders");
		registry.add("tollgate.routes[0].path[0]", () -> "/orders/**");
		registry.add("tollgate.routes[0].upstream", upstream::uri);
		registry.add("tollgate.routes[0].audience", () -> ORDERS);
		registry.add("tollgate.routes[0].scopes[0]", () -> "orders:read");
		registry.add("tollgate.routes[0].credentials[0]", () -> "bearer");
		registry.add("tollgate.routes[0].credentials[1]", () -> "api-key");
		registry.add("tollgate.routes[0].rate-limit", () -> "standard");
		registry.add("tollgate.routes[0].upstream-token.audience", () -> "orders-api");
		registry.add("tollgate.routes[1].id", () -> "tools");
		registry.add("tollgate.routes[1].path[0]", () -> "/tools/**");
		registry.add("tollgate.routes[1].upstream", upstream::uri);
		registry.add("tollgate.routes[1].audience", () -> TOOLS);
		registry.add("tollgate.routes[1].scopes[0]", () -> "tools:call");
		registry.add("tollgate.routes[1].rate-limit", () -> "tight");
		registry.add("tollgate.routes[1].upstream-token.exchange", () -> "corp");
		registry.add("tollgate.routes[1].upstream-token.audience", () -> "tools-api");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		redis.close();
	}

	@Test
	void scrapeWhenGatewayServedEveryKindOfDecisionThenEveryMetricOfDashboardAndAlertsExists() throws IOException {
		exerciseEveryMeter();

		Set<String> scraped = sampleNames(this.registry.scrape());
		Set<String> used = new TreeSet<>(dashboardMetrics());
		used.addAll(alertRuleMetrics());

		assertThat(used).as("metric names found in deploy/observability")
			.contains("tollgate_decisions_total", "tollgate_jwks_age_seconds", "tollgate_ratelimit_fallback_total",
					"tollgate_exchange_requests_total", "tollgate_apikeys_decisions_total",
					"http_server_requests_seconds_count");
		Set<String> missing = new TreeSet<>(used);
		missing.removeAll(scraped);
		assertThat(missing).as("used in deploy/observability but not exported by the gateway; it exports %s",
				scraped.stream().filter((n) -> n.startsWith("tollgate_") || n.startsWith("http_server"))
					.collect(Collectors.toCollection(TreeSet::new)))
			.isEmpty();
	}

	private void exerciseEveryMeter() {
		String orders = authorizationServer.clientCredentialsToken("agent-rs", ORDERS, "orders:read");
		get("/orders/1", null).expectStatus().isUnauthorized();
		get("/orders/1", orders).expectStatus().isOk();
		this.client.get().uri("/orders/1").header("X-API-Key", "tg_unknownunknownunknownunknown").exchange()
			.expectStatus().isUnauthorized();
		get("/orders/1", authorizationServer.opaqueTokenFor("agent-opaque", ORDERS, "orders:read"))
			.expectStatus().isOk();

		String tools = authorizationServer.clientCredentialsToken("agent-rs", TOOLS, "tools:call");
		get("/tools/1", tools).expectStatus().isOk();
		get("/tools/1", tools).expectStatus().isEqualTo(429);

		// A client with no lease yet must ask Redis, which is gone: the decision falls back to local buckets.
		redis.stop();
		get("/orders/1", authorizationServer.clientCredentialsToken("agent-es", ORDERS, "orders:read"))
			.expectStatus().isOk();
	}

	private WebTestClient.ResponseSpec get(String path, String token) {
		WebTestClient.RequestHeadersSpec<?> request = this.client.get().uri(path);
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return request.exchange();
	}

	/** Names of the samples in a Prometheus text scrape ({@code name{labels} value} or {@code name value}). */
	static Set<String> sampleNames(String scrape) {
		Set<String> names = new TreeSet<>();
		for (String line : scrape.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int end = 0;
			while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
				end++;
			}
			names.add(line.substring(0, end));
		}
		return names;
	}

	static Set<String> dashboardMetrics() throws IOException {
		JsonNode dashboard = JsonMapper.builder().build()
			.readTree(Files.readString(OBSERVABILITY.resolve("grafana/tollgate-dashboard.json")));
		List<String> expressions = new ArrayList<>();
		dashboard.findValues("expr").forEach((node) -> expressions.add(node.asString()));
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			if (variable.path("query").has("query")) {
				expressions.add(variable.path("query").path("query").asString());
			}
		}
		assertThat(expressions).as("dashboard queries").hasSizeGreaterThan(20);
		return expressions.stream().flatMap((e) -> PromQlMetricNames.in(e).stream())
			.collect(Collectors.toCollection(TreeSet::new));
	}

	@SuppressWarnings("unchecked")
	static Set<String> alertRuleMetrics() throws IOException {
		Map<String, Object> rules = new Yaml()
			.load(Files.readString(OBSERVABILITY.resolve("prometheus/tollgate-alerts.yml")));
		Set<String> names = new TreeSet<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				names.addAll(PromQlMetricNames.in((String) rule.get("expr")));
			}
		}
		return names;
	}

}
