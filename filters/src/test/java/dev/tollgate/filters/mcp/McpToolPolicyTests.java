package dev.tollgate.filters.mcp;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.testkit.McpTestServer;
import dev.tollgate.testkit.TestJwks;
import dev.tollgate.testkit.TestJwtBuilder;
import dev.tollgate.testkit.TestJwts;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CEL policies on MCP tool rules, end to end through the {@code Tollgate} filter in front of a scripted MCP server:
 * a rule's policy reads the tool's name and arguments next to the caller's claims, denies with 403
 * {@code policy_denied} (and a JSON-RPC error) before anything reaches the upstream, fails closed when an argument it
 * reads is missing, and in shadow mode lets the call through while counting what it would have denied.
 */
@SpringBootTest(classes = McpToolPolicyTests.GatewayApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class McpToolPolicyTests {

	static final String AUDIENCE = "https://gateway.test/mcp";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final TestJwks lab = TestJwks.start(TestKeys.rsa1());

	static final McpTestServer upstream = McpTestServer.start("refund_order", "search_orders");

	/** Refunds of the caller's own tenant, up to 100; searches of at most 50 rows, in shadow mode. */
	static final List<ToolRule> RULES = List.of(
			new ToolRule("refund_order", List.of("orders:write"), null, null,
					"caller.claims.tenant == tool.arguments.tenant && double(tool.arguments.amount) <= 100.0", null),
			new ToolRule("search_*", List.of(), null, null, "int(tool.arguments.limit) <= 50", "shadow"));

	@Autowired
	WebTestClient client;

	@Autowired
	MeterRegistry registry;

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayApp {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		McpRoutes mcpRoutes() {
			McpSettings settings = McpSettings.of(RULES, McpSettings.UnknownTools.DENY);
			return (routeId) -> "tools".equals(routeId) ? settings : null;
		}

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.public-base-url", () -> "https://gateway.test");
		registry.add("tollgate.issuers[0].name", () -> "lab");
		registry.add("tollgate.issuers[0].issuer-uri", lab::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", lab::jwksUri);
		String route = "spring.cloud.gateway.server.webflux.routes[0].";
		registry.add(route + "id", () -> "tools");
		registry.add(route + "uri", upstream::uri);
		registry.add(route + "predicates[0]", () -> "Path=/mcp");
		registry.add(route + "filters[0].name", () -> "Tollgate");
		registry.add(route + "filters[0].args.audience", () -> AUDIENCE);
		registry.add(route + "filters[0].args.resourcePath", () -> "/mcp");
		registry.add(route + "filters[0].args.scopes[0]", () -> "tools:call");
		registry.add(route + "filters[0].args.credentials[0]", () -> "BEARER");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		lab.close();
	}

	static String agent(String tenant) {
		TestJwtBuilder token = TestJwts.jwt().issuer(lab.issuerUri()).audience(AUDIENCE).clientId("agent-" + tenant)
			.subject("user-" + tenant).scope("tools:call orders:write");
		return token.claim("tenant", tenant).build();
	}

	static String refund(int id, String arguments) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"refund_order\","
				+ "\"arguments\":" + arguments + "}}";
	}

	WebTestClient.ResponseSpec post(String jwt, String body) {
		return this.client.post().uri("/mcp")
			.headers(h -> h.setBearerAuth(jwt))
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
			.bodyValue(body)
			.exchange();
	}

	@Test
	void toolsCallWhenArgumentsSatisfyThePolicyThenForwardedUnchanged() {
		String body = refund(1, "{\"tenant\":\"acme\",\"amount\":40,\"order\":\"o-1\"}");
		post(agent("acme"), body).expectStatus().isOk();

		assertThat(upstream.bodies()).contains(body);
	}

	@Test
	void toolsCallWhenArgumentBreaksThePolicyThen403PolicyDeniedAndUpstreamUntouched() {
		int before = upstream.requests();
		byte[] answer = post(agent("acme"), refund(2, "{\"tenant\":\"acme\",\"amount\":250,\"order\":\"o-2\"}"))
			.expectStatus().isForbidden()
			.expectBody().returnResult().getResponseBody();

		JsonNode error = JSON.readTree(answer);
		assertThat(error.get("id").intValue()).isEqualTo(2);
		assertThat(error.get("error")).isNotNull();
		assertThat(new String(answer)).doesNotContain("250").doesNotContain("o-2");
		assertThat(upstream.requests()).isEqualTo(before);
		assertThat(this.registry.counter("tollgate.policy.evaluations", "policy", "tools.mcp.refund_order", "mode",
				"enforce", "result", "deny", "cause", "false").count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void toolsCallWhenAnotherTenantsOrderThenDenied() {
		post(agent("globex"), refund(3, "{\"tenant\":\"acme\",\"amount\":10,\"order\":\"o-3\"}"))
			.expectStatus().isForbidden();
	}

	@Test
	void toolsCallWhenArgumentThePolicyReadsIsMissingThenDeniedNeverAllowed() {
		post(agent("acme"), refund(4, "{\"tenant\":\"acme\",\"order\":\"o-4\"}")).expectStatus().isForbidden();

		assertThat(this.registry.counter("tollgate.policy.evaluations", "policy", "tools.mcp.refund_order", "mode",
				"enforce", "result", "error", "cause", "missing_attribute").count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void toolsCallWhenShadowPolicyWouldDenyThenForwardedAndCounted() {
		String body = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"search_orders\","
				+ "\"arguments\":{\"limit\":500}}}";
		post(agent("acme"), body).expectStatus().isOk();

		assertThat(upstream.bodies()).contains(body);
		assertThat(this.registry.counter("tollgate.policy.evaluations", "policy", "tools.mcp.search_*", "mode",
				"shadow", "result", "deny", "cause", "false").count()).isEqualTo(1);
	}

}
