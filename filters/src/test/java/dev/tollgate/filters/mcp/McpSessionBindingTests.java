package dev.tollgate.filters.mcp;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

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

import dev.tollgate.filters.mcp.session.McpSessionStore;
import dev.tollgate.filters.mcp.session.RedisMcpSessionStore;
import dev.tollgate.testkit.McpTestServer;
import dev.tollgate.testkit.RedisHarness;
import dev.tollgate.testkit.TestJwks;
import dev.tollgate.testkit.TestJwtBuilder;
import dev.tollgate.testkit.TestJwts;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session hijacking, end to end with bindings in a real Redis ({@code tollgate.redis.url}): a session id is bound
 * to the issuer, client and subject that called {@code initialize}; anybody else presenting it, and anybody
 * presenting an id the gateway never bound, is answered 404 and the upstream never sees the id.
 * <p>
 * MCP security best practices (2025-06-18, 2025-11-25), "Session Hijacking": servers MUST NOT use sessions for
 * authentication, and SHOULD bind session ids to user-specific information. MCP transports, Streamable HTTP,
 * "Session Management": a request with a session id the server does not know is answered 404, after which the client
 * MUST start a new session.
 */
@SpringBootTest(classes = McpSessionBindingTests.GatewayApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class McpSessionBindingTests {

	static final String AUDIENCE = "https://gateway.test/mcp";

	static final RedisHarness redis = RedisHarness.shared();

	static final TestJwks lab = TestJwks.start(TestKeys.rsa1());

	static final McpTestServer upstream = McpTestServer.start("search_orders");

	@Autowired
	WebTestClient client;

	@Autowired
	McpSessionStore sessions;

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayApp {

		@Bean
		McpRoutes mcpRoutes() {
			McpSettings settings = McpSettings.of(List.of(ToolRule.scopes("search_orders")),
					McpSettings.UnknownTools.DENY);
			return (routeId) -> "tools".equals(routeId) ? settings : null;
		}

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.redis.url", redis::uri);
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
		registry.add(route + "filters[0].args.credentials[0]", () -> "BEARER");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		lab.close();
	}

	static TestJwtBuilder token(String client, String subject) {
		return TestJwts.jwt().issuer(lab.issuerUri()).audience(AUDIENCE).clientId(client).subject(subject);
	}

	WebTestClient.ResponseSpec post(String jwt, String sessionId, String body) {
		return this.client.post().uri("/mcp")
			.headers(h -> {
				h.setBearerAuth(jwt);
				if (sessionId != null) {
					h.set(McpStage.SESSION_HEADER, sessionId);
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
			.bodyValue(body)
			.exchange();
	}

	String initialize(String jwt) {
		return post(jwt, null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
				+ "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}")
			.expectStatus().isOk()
			.expectHeader().exists(McpStage.SESSION_HEADER)
			.returnResult(String.class).getResponseHeaders().getFirst(McpStage.SESSION_HEADER);
	}

	static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

	@Test
	void sessionWhenInitializedThenBoundInRedisBeforeTheClientSeesIt() {
		String alice = token("agent-a", "alice").build();
		String session = initialize(alice);

		assertThat(this.sessions).isInstanceOf(RedisMcpSessionStore.class);
		post(alice, session, LIST).expectStatus().isOk();
		assertThat(upstream.sessionIdsReceived()).contains(session);
	}

	@Test
	void sessionWhenPresentedByAnotherSubjectOfTheSameClientThen404AndNeverForwarded() {
		String session = initialize(token("agent-a", "alice").build());
		int before = upstream.requests();

		post(token("agent-a", "mallory").build(), session, LIST)
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.error.message").isEqualTo("Session not found");

		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void sessionWhenPresentedByAnotherClientWithTheSameSubjectThen404() {
		String session = initialize(token("agent-a", "alice").build());
		post(token("agent-b", "alice").build(), session, LIST).expectStatus().isNotFound();
	}

	@Test
	void sessionWhenIdForgedThen404AndNeverForwarded() {
		int before = upstream.requests();
		post(token("agent-a", "alice").build(), "forged-" + System.nanoTime(), LIST).expectStatus().isNotFound();
		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void sessionWhenGetStreamByAnotherCallerThen404() {
		String session = initialize(token("agent-a", "alice").build());
		this.client.get().uri("/mcp")
			.headers(h -> {
				h.setBearerAuth(token("agent-a", "mallory").build());
				h.set(McpStage.SESSION_HEADER, session);
			})
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus().isNotFound();
	}

	@Test
	void sessionWhenDeletedByItsOwnerThenForgotten() {
		String alice = token("agent-a", "alice").build();
		String session = initialize(alice);
		this.client.delete().uri("/mcp")
			.headers(h -> {
				h.setBearerAuth(alice);
				h.set(McpStage.SESSION_HEADER, session);
			})
			.exchange()
			.expectStatus().isEqualTo(405);

		post(alice, session, LIST).expectStatus().isNotFound();
	}

}
