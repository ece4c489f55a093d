package dev.tollgate.filters.mcp;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
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
 * An MCP route end to end: the {@code Tollgate} filter with its {@code mcp} stage on a hand-written route (the
 * {@link McpRoutes} bean names it), in front of a scripted MCP server that records what reaches it. Raw JSON-RPC:
 * single messages, batches, notifications, malformed input, per-tool scopes and limits, filtered
 * {@code tools/list} (JSON and SSE) and session binding.
 */
@SpringBootTest(classes = McpRouteTests.GatewayApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "logging.structured.format.console=logstash")
@AutoConfigureWebTestClient
class McpRouteTests {

	static final String AUDIENCE = "https://gateway.test/mcp";

	static final String METADATA = "https://gateway.test/.well-known/oauth-protected-resource/mcp";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final TestJwks lab = TestJwks.start(TestKeys.rsa1());

	static final McpTestServer upstream = McpTestServer.start("search_orders", "refund_order", "refund_all",
			"admin_reset");

	static final List<ToolRule> RULES = List.of(ToolRule.scopes("search_orders", "orders:read"),
			new ToolRule("refund_*", List.of("orders:write"), "expensive", null, null, null));

	@Autowired
	WebTestClient client;

	@Autowired
	MeterRegistry registry;

	@Autowired
	ApplicationContext context;

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayApp {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		McpRoutes mcpRoutes() {
			McpSettings settings = new McpSettings(RULES, McpSettings.UnknownTools.DENY, McpSettings.Denial.HTTP,
					org.springframework.util.unit.DataSize.ofKilobytes(64), 16, null, List.of("search_orders"),
					true);
			return (routeId) -> switch (routeId) {
				case "tools" -> settings;
				case "tools-rpc" -> settings.withDenial(McpSettings.Denial.JSON_RPC);
				default -> null;
			};
		}

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.public-base-url", () -> "https://gateway.test");
		registry.add("tollgate.issuers[0].name", () -> "lab");
		registry.add("tollgate.issuers[0].issuer-uri", lab::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", lab::jwksUri);
		registry.add("tollgate.rate-limit.policies.expensive.limits[0]", () -> "2/1h");
		route(registry, 0, "tools", "/mcp");
		route(registry, 1, "tools-rpc", "/mcp-rpc");
	}

	private static void route(DynamicPropertyRegistry registry, int index, String id, String path) {
		String route = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
		registry.add(route + "id", () -> id);
		registry.add(route + "uri", upstream::uri);
		registry.add(route + "predicates[0]", () -> "Path=" + path);
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

	static TestJwtBuilder token(String client, String scope) {
		return TestJwts.jwt().issuer(lab.issuerUri()).audience(AUDIENCE).clientId(client).subject("user-" + client)
			.scope(scope);
	}

	static String call(Object id, String tool) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
				+ "\",\"arguments\":{\"order\":\"secret-order-42\"}}}";
	}

	WebTestClient.ResponseSpec post(String path, String jwt, String body) {
		return this.client.post().uri(path)
			.headers(h -> h.setBearerAuth(jwt))
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
			.bodyValue(body)
			.exchange();
	}

	static JsonNode json(byte[] body) {
		return JSON.readTree(body);
	}

	@Test
	void toolsCallWhenCallerHoldsTheToolsScopeThenUpstreamGetsTheSameBody() {
		String body = call(1, "search_orders");
		byte[] answer = post("/mcp", token("agent-read", "tools:call orders:read").build(), body)
			.expectStatus().isOk()
			.expectBody().returnResult().getResponseBody();

		assertThat(json(answer).at("/result/content/0/text").stringValue()).isEqualTo("called search_orders");
		assertThat(upstream.bodies()).contains(body);
	}

	/**
	 * MCP authorization (2025-11-25), "Scope Challenge Handling" and RFC 6750 §3.1: a token lacking a scope the
	 * request needs is answered 403 {@code insufficient_scope} with the scopes needed and, per RFC 9728 §5.1, the
	 * resource metadata URL, so the client can step up.
	 */
	@Test
	void toolsCallWhenToolScopeMissingThen403ScopeChallengeAndUpstreamUntouched() {
		int before = upstream.requests();
		byte[] answer = post("/mcp", token("agent-read", "tools:call orders:read").build(), call(7, "refund_order"))
			.expectStatus().isForbidden()
			.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v)
				.startsWith("Bearer ")
				.contains("error=\"insufficient_scope\"")
				.contains("scope=\"tools:call orders:write\"")
				.contains("resource_metadata=\"" + METADATA + "\""))
			.expectBody().returnResult().getResponseBody();

		JsonNode error = json(answer);
		assertThat(error.get("jsonrpc").stringValue()).isEqualTo("2.0");
		assertThat(error.get("id").intValue()).isEqualTo(7);
		assertThat(error.at("/error/data/scope").stringValue()).isEqualTo("tools:call orders:write");
		assertThat(new String(answer)).doesNotContain("secret-order-42");
		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void toolsCallWhenToolMatchesGlobAndScopeHeldThenForwarded() {
		post("/mcp", token("agent-write-1", "tools:call orders:write").build(), call(2, "refund_all"))
			.expectStatus().isOk();
	}

	@Test
	void toolsCallWhenNoRuleMatchesAndUnknownToolsDeniedThen403WithoutChallenge() {
		int before = upstream.requests();
		post("/mcp", token("agent-all", "tools:call orders:read orders:write").build(), call(3, "admin_reset"))
			.expectStatus().isForbidden()
			.expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE);
		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void toolsCallWhenRouteScopeMissingThen403BeforeTheBodyIsRead() {
		post("/mcp", token("agent-noroute", "orders:read").build(), call(4, "search_orders"))
			.expectStatus().isForbidden()
			.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).contains("scope=\"tools:call\""));
	}

	@Test
	void toolsCallWhenDenialModeIsJsonRpcThen200WithJsonRpcErrorNamingTheScope() {
		byte[] answer = post("/mcp-rpc", token("agent-read", "tools:call orders:read").build(), call("\"a-1\"", "refund_order"))
			.expectStatus().isOk()
			.expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
			.expectBody().returnResult().getResponseBody();

		JsonNode error = json(answer);
		assertThat(error.get("id").stringValue()).isEqualTo("a-1");
		assertThat(error.at("/error/code").intValue()).isEqualTo(-32001);
		assertThat(error.at("/error/data/scope").stringValue()).isEqualTo("tools:call orders:write");
		assertThat(error.at("/error/data/resource_metadata").stringValue()).isEqualTo(METADATA);
	}

	@Test
	void toolsCallWhenToolRateLimitSpentThen429AndOtherToolsStillServed() {
		String jwt = token("agent-refunds", "tools:call orders:read orders:write").build();
		post("/mcp", jwt, call(10, "refund_order")).expectStatus().isOk();
		post("/mcp", jwt, call(11, "refund_all")).expectStatus().isOk();
		byte[] answer = post("/mcp", jwt, call(12, "refund_order"))
			.expectStatus().isEqualTo(429)
			.expectHeader().exists(HttpHeaders.RETRY_AFTER)
			.expectBody().returnResult().getResponseBody();
		assertThat(json(answer).get("id").intValue()).isEqualTo(12);

		post("/mcp", jwt, call(13, "search_orders")).expectStatus().isOk();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void toolsCallWhenDecidedThenCountedWithBoundedToolTagsAndAuditedWithoutArgumentValues(CapturedOutput output) {
		String jwt = token("agent-metrics", "tools:call orders:read").build();
		post("/mcp", jwt, call(40, "search_orders")).expectStatus().isOk();
		post("/mcp", jwt, call(41, "refund_order")).expectStatus().isForbidden();
		post("/mcp", jwt, call(42, "made_up_" + System.nanoTime())).expectStatus().isForbidden();

		assertThat(this.registry.find("tollgate.mcp.messages").tags("route", "tools", "tool", "search_orders",
				"outcome", "allowed").counter()).isNotNull();
		assertThat(this.registry.find("tollgate.mcp.messages").tags("route", "tools", "tool", "other",
				"outcome", "denied").counter().count()).isGreaterThanOrEqualTo(2);
		assertThat(this.registry.find("tollgate.mcp.messages").counters())
			.allSatisfy(c -> assertThat(c.getId().getTag("tool")).isIn("search_orders", "other", "-"));
		assertThat(output.getOut()).contains("mcp tools/call allowed").contains("\"tool\":\"refund_order\"")
			.contains("arguments_sha256")
			.doesNotContain("secret-order-42");
	}

	/** JSON-RPC 2.0 §5.1: invalid JSON is a parse error (-32700) with a null id; never forwarded. */
	@Test
	void postWhenBodyIsNotJsonThen400ParseErrorAndNotForwarded() {
		int before = upstream.requests();
		byte[] answer = post("/mcp", token("agent-read", "tools:call orders:read").build(), "{\"jsonrpc\":\"2.0\",")
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_JSON)
			.expectBody().returnResult().getResponseBody();

		JsonNode error = json(answer);
		assertThat(error.get("id").isNull()).isTrue();
		assertThat(error.at("/error/code").intValue()).isEqualTo(-32700);
		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void postWhenMessageIsNotJsonRpcThen400InvalidRequest() {
		for (String body : List.of("{\"id\":1,\"method\":\"tools/list\"}", "[]", "42",
				"{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"tools/list\"}",
				"{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"tools/list\"}",
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
				"[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}]")) {
			byte[] answer = post("/mcp", token("agent-read", "tools:call orders:read").build(), body)
				.expectStatus().isBadRequest()
				.expectBody().returnResult().getResponseBody();
			assertThat(json(answer).at("/error/code").intValue()).as(body).isEqualTo(-32600);
		}
	}

	/** A tools/call without an id would pass as a notification, unauthorized; MCP requests MUST carry an id. */
	@Test
	void toolsCallWithoutIdThen400InvalidRequestAndNotForwarded() {
		int before = upstream.requests();
		byte[] answer = post("/mcp", token("agent-read", "tools:call orders:read").build(),
				"{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"refund_order\"}}")
			.expectStatus().isBadRequest()
			.expectBody().returnResult().getResponseBody();
		assertThat(json(answer).at("/error/code").intValue()).isEqualTo(-32600);
		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void filterWhenPrintedThenMcpStageRunsAfterAuthorizeAndBeforeTheUpstreamToken() {
		String filters = this.context.getBean(RouteLocator.class).getRoutes()
			.filter(route -> route.getId().equals("tools"))
			.map(route -> route.getFilters().toString())
			.blockFirst();

		assertThat(filters).contains("Tollgate[authenticate, binding, authorize, mcp, upstream-token]");
	}

	@Test
	void toolsCallWhenNameMissingThen400InvalidParamsWithTheRequestId() {
		byte[] answer = post("/mcp", token("agent-read", "tools:call orders:read").build(),
				"{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{}}")
			.expectStatus().isBadRequest()
			.expectBody().returnResult().getResponseBody();
		assertThat(json(answer).at("/error/code").intValue()).isEqualTo(-32602);
		assertThat(json(answer).get("id").intValue()).isEqualTo(5);
	}

	/** Two {@code name} members: the gateway and the upstream could read different tools; refused. */
	@Test
	void toolsCallWhenNameGivenTwiceThen400ParseError() {
		int before = upstream.requests();
		post("/mcp", token("agent-read", "tools:call orders:read").build(),
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"search_orders\",\"name\":\"refund_all\"}}")
			.expectStatus().isBadRequest();
		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void postWhenNestedDeeperThanTheLimitThen400ParseError() {
		String deep = "[".repeat(100) + "]".repeat(100);
		byte[] answer = post("/mcp", token("agent-read", "tools:call orders:read").build(),
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"search_orders\",\"arguments\":{\"a\":" + deep + "}}}")
			.expectStatus().isBadRequest()
			.expectBody().returnResult().getResponseBody();
		assertThat(json(answer).at("/error/code").intValue()).isEqualTo(-32700);
	}

	@Test
	void postWhenBodyOverTheLimitThen413AndNotForwarded() {
		int before = upstream.requests();
		String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"search_orders\",\"arguments\":{\"a\":\""
				+ "x".repeat(70 * 1024) + "\"}}}";
		post("/mcp", token("agent-read", "tools:call orders:read").build(), big)
			.expectStatus().isEqualTo(413);
		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void batchWhenEveryCallPermittedThenForwardedWhole() {
		String batch = "[" + call(20, "search_orders") + "," + call(21, "search_orders") + "]";
		byte[] answer = post("/mcp", token("agent-batch", "tools:call orders:read").build(), batch)
			.expectStatus().isOk()
			.expectBody().returnResult().getResponseBody();
		assertThat(json(answer).size()).isEqualTo(2);
		assertThat(upstream.bodies()).contains(batch);
	}

	@Test
	void batchWhenOneCallRefusedThenWholeBatchRefusedWithNullId() {
		int before = upstream.requests();
		String batch = "[" + call(22, "search_orders") + "," + call(23, "refund_order") + "]";
		byte[] answer = post("/mcp", token("agent-batch", "tools:call orders:read").build(), batch)
			.expectStatus().isForbidden()
			.expectBody().returnResult().getResponseBody();
		assertThat(json(answer).get("id").isNull()).isTrue();
		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void notificationWhenPostedThenForwardedAndAnswered202() {
		post("/mcp", token("agent-read", "tools:call").build(),
				"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
			.expectStatus().isAccepted();
	}

	/** MCP server features, tools, "Listing Tools" and pagination: only callable tools listed, cursor kept. */
	@Test
	void toolsListWhenJsonAnswerThenOnlyCallableToolsAndCursorKept() {
		byte[] answer = post("/mcp", token("agent-read", "tools:call orders:read").build(),
				"{\"jsonrpc\":\"2.0\",\"id\":30,\"method\":\"tools/list\"}")
			.expectStatus().isOk()
			.expectBody().returnResult().getResponseBody();

		JsonNode result = json(answer).get("result");
		assertThat(result.get("tools").valueStream().map(t -> t.get("name").stringValue()))
			.containsExactly("search_orders");
		assertThat(result.get("nextCursor").stringValue()).isEqualTo("page-2");
	}

	@Test
	void toolsListWhenInABatchThenOnlyItsAnswerFilteredInTheArray() {
		String batch = "[{\"jsonrpc\":\"2.0\",\"id\":50,\"method\":\"tools/list\"}," + call(51, "search_orders") + "]";
		byte[] answer = post("/mcp", token("agent-batch-list", "tools:call orders:read").build(), batch)
			.expectStatus().isOk()
			.expectBody().returnResult().getResponseBody();

		JsonNode answers = json(answer);
		assertThat(answers.get(0).at("/result/tools").valueStream().map(t -> t.get("name").stringValue()))
			.containsExactly("search_orders");
		assertThat(answers.get(1).at("/result/content/0/text").stringValue()).isEqualTo("called search_orders");
	}

	/**
	 * Streaming, not buffering: the progress event reaches the client while the upstream still holds back the
	 * answer, for a rewritten {@code tools/list} stream and for a {@code tools/call} stream that passes as it is.
	 */
	@Test
	void sseAnswerWhenUpstreamHoldsTheLastEventThenEarlierEventsAlreadyReachTheClient() {
		String jwt = token("agent-stream", "tools:call orders:read").build();
		for (String body : List.of("{\"jsonrpc\":\"2.0\",\"id\":60,\"method\":\"tools/list\"}", call(61, "search_orders"))) {
			Flux<ServerSentEvent<String>> events = this.client.post().uri("/mcp")
				.headers(h -> h.setBearerAuth(jwt))
				.header("X-Test-Answer", "sse-held")
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
				.bodyValue(body)
				.exchange()
				.expectStatus().isOk()
				.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
				})
				.getResponseBody();

			StepVerifier.create(events)
				.assertNext(progress -> assertThat(progress.data()).contains("notifications/progress"))
				.then(upstream::release)
				.assertNext(answer -> assertThat(answer.data()).contains("\"result\"").doesNotContain("refund_"))
				.thenCancel()
				.verify(Duration.ofSeconds(20));
		}
	}

	@Test
	void toolsListWhenSseAnswerThenEachEventFilteredAndOtherEventsUntouched() {
		String sse = this.client.post().uri("/mcp")
			.headers(h -> h.setBearerAuth(token("agent-write", "tools:call orders:write").build()))
			.header("X-Test-Answer", "sse")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
			.bodyValue("{\"jsonrpc\":\"2.0\",\"id\":31,\"method\":\"tools/list\"}")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.expectBody(String.class).returnResult().getResponseBody();

		assertThat(sse).contains("event: message\nid: 1\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"");
		String data = sse.substring(sse.indexOf("id: 2\ndata: ") + "id: 2\ndata: ".length());
		JsonNode answer = JSON.readTree(data.substring(0, data.indexOf('\n')));
		assertThat(answer.at("/result/tools").valueStream().map(t -> t.get("name").stringValue()))
			.containsExactly("refund_order", "refund_all");
		assertThat(answer.at("/result/nextCursor").stringValue()).isEqualTo("page-2");
	}

}
