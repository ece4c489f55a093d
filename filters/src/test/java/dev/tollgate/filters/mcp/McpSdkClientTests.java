package dev.tollgate.filters.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.SignedJWT;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.testkit.SdkMcpServer;
import dev.tollgate.testkit.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The official MCP Java SDK on both sides of the gateway: its Streamable HTTP server (behind the route) and its
 * client, which gets tokens from the dev authorization server for the route's RFC 9728 resource (RFC 8707
 * {@code resource}) and steps up on a scope challenge, as the MCP authorization spec describes.
 */
@SpringBootTest(classes = McpSdkClientTests.GatewayApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class McpSdkClientTests {

	/** The route's RFC 9728 resource: public base URL plus the route's path. */
	static final String RESOURCE = "https://gateway.test/mcp";

	static final TestAuthorizationServer as = TestAuthorizationServer.shared();

	static final SdkMcpServer upstream = SdkMcpServer.start("search_orders", "refund_order");

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayApp {

		@Bean
		McpRoutes mcpRoutes() {
			McpSettings settings = McpSettings.of(
					List.of(ToolRule.scopes("search_orders", "orders:read"), ToolRule.scopes("refund_order", "orders:write")),
					McpSettings.UnknownTools.DENY);
			return (routeId) -> "tools".equals(routeId) ? settings : null;
		}

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.public-base-url", () -> "https://gateway.test");
		registry.add("tollgate.issuers[0].name", () -> "sas");
		registry.add("tollgate.issuers[0].issuer-uri", as::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", as::jwksUri);
		String route = "spring.cloud.gateway.server.webflux.routes[0].";
		registry.add(route + "id", () -> "tools");
		registry.add(route + "uri", upstream::uri);
		registry.add(route + "predicates[0]", () -> "Path=/mcp");
		registry.add(route + "filters[0].name", () -> "Tollgate");
		registry.add(route + "filters[0].args.audience", () -> "api://tools");
		registry.add(route + "filters[0].args.resourcePath", () -> "/mcp");
		registry.add(route + "filters[0].args.scopes[0]", () -> "tools:call");
		registry.add(route + "filters[0].args.credentials[0]", () -> "BEARER");
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	/** A client-credentials token for the route's resource (RFC 8707 §2), as an MCP client asks for it. */
	static String token(String scope) {
		var response = as.postForm(as.tokenUri(), "agent-rs",
				Map.of("grant_type", "client_credentials", "scope", scope, "resource", RESOURCE));
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body()).get("access_token").stringValue();
	}

	McpSyncClient client(AtomicReference<String> token, McpHttpClientTransportAuthorizationErrorHandler onDenied) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
			.builder("http://127.0.0.1:" + this.port)
			.endpoint("/mcp")
			.httpRequestCustomizer((request, method, uri, body, context) -> request.setHeader("Authorization",
					"Bearer " + token.get()))
			.authorizationErrorHandler(onDenied)
			.build();
		McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
		client.initialize();
		return client;
	}

	/**
	 * MCP authorization (2025-06-18 and 2025-11-25), "Token Audience Binding and Validation": a server MUST reject a
	 * token not issued for it (RFC 8707 §2). A token for another resource is 401 {@code invalid_token}, and, per
	 * "Protected Resource Metadata Discovery", the 401 names the RFC 9728 metadata (RFC 9728 §5.1).
	 */
	@Test
	void initializeWhenTokenIsForAnotherResourceThen401WithResourceMetadata() {
		var response = as.postForm(as.tokenUri(), "agent-rs", Map.of("grant_type", "client_credentials", "scope",
				"tools:call orders:read", "resource", "https://gateway.test/billing"));
		String otherResource = JSON.readTree(response.body()).get("access_token").stringValue();
		Throwable refused = catchThrowable(() -> client(new AtomicReference<>(otherResource),
				McpHttpClientTransportAuthorizationErrorHandler.NOOP));

		assertThat(refused).hasCauseInstanceOf(McpHttpClientTransportAuthorizationException.class);
		var info = ((McpHttpClientTransportAuthorizationException) refused.getCause()).getResponseInfo();
		assertThat(info.statusCode()).isEqualTo(401);
		assertThat(info.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
			.contains("error=\"invalid_token\"",
					"resource_metadata=\"https://gateway.test/.well-known/oauth-protected-resource/mcp\""));
		assertThat(upstream.authorizations()).noneMatch(a -> a.contains(otherResource));
	}

	@Test
	void listToolsWhenCallerMayCallOneToolThenTheSdkClientSeesOnlyThatTool() {
		try (McpSyncClient client = client(new AtomicReference<>(token("tools:call orders:read")),
				McpHttpClientTransportAuthorizationErrorHandler.NOOP)) {
			assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).containsExactly("search_orders");
		}
	}

	/** MCP authorization, "Token Passthrough" is forbidden: the server sees the gateway's token, never the caller's. */
	@Test
	void callToolWhenPermittedThenServedAndUpstreamNeverSeesTheCallersToken() throws Exception {
		String callers = token("tools:call orders:read");
		try (McpSyncClient client = client(new AtomicReference<>(callers),
				McpHttpClientTransportAuthorizationErrorHandler.NOOP)) {
			McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("search_orders", Map.of()));

			assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("search_orders done");
		}
		assertThat(upstream.authorizations()).isNotEmpty()
			.allSatisfy(a -> assertThat(a).startsWith("Bearer ").isNotEqualTo("Bearer " + callers));
		// The upstream's token is made for its own audience (the route's audience unless upstream-token says else).
		String last = upstream.authorizations().get(upstream.authorizations().size() - 1);
		assertThat(SignedJWT.parse(last.substring("Bearer ".length())).getJWTClaimsSet().getAudience())
			.containsExactly("api://tools");
	}

	/**
	 * MCP authorization (2025-11-25), "Scope Challenge Handling" / "Step-Up Authorization Flow": on 403
	 * {@code insufficient_scope} the client reads the scopes from the challenge, gets a token with them and retries;
	 * the session stays the same caller's, so it is still accepted.
	 */
	@Test
	void callToolWhenScopeMissingThenSdkClientStepsUpWithTheChallengedScopesAndSucceeds() {
		AtomicReference<String> token = new AtomicReference<>(token("tools:call orders:read"));
		List<String> challenged = new CopyOnWriteArrayList<>();
		McpHttpClientTransportAuthorizationErrorHandler stepUp = McpHttpClientTransportAuthorizationErrorHandler
			.fromSync((request, response, context) -> {
				String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
				Matcher scope = Pattern.compile("scope=\"([^\"]*)\"").matcher(challenge);
				if (response.statusCode() != 403 || !challenge.contains("error=\"insufficient_scope\"") || !scope.find()) {
					return false;
				}
				challenged.add(scope.group(1));
				token.set(token(scope.group(1)));
				return true;
			});
		try (McpSyncClient client = client(token, stepUp)) {
			McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("refund_order", Map.of()));

			assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("refund_order done");
		}
		assertThat(challenged).containsExactly("tools:call orders:write");
	}

	@Test
	void callToolWhenScopeMissingAndClientCannotStepUpThenRefused() {
		try (McpSyncClient client = client(new AtomicReference<>(token("tools:call orders:read")),
				McpHttpClientTransportAuthorizationErrorHandler.NOOP)) {
			Throwable refused = catchThrowable(() -> client.callTool(new McpSchema.CallToolRequest("refund_order", Map.of())));

			assertThat(refused).isInstanceOf(McpHttpClientTransportAuthorizationException.class);
			var response = ((McpHttpClientTransportAuthorizationException) refused).getResponseInfo();
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
				.contains("error=\"insufficient_scope\"", "scope=\"tools:call orders:write\"",
						"resource_metadata=\"https://gateway.test/.well-known/oauth-protected-resource/mcp\""));
		}
	}

}
