package dev.tollgate.app.edge;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.apikeys.lifecycle.ApiKeyLifecycle;
import dev.tollgate.apikeys.lifecycle.IssueRequest;
import dev.tollgate.app.TollgateApplication;
import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.RawHttp;
import dev.tollgate.testkit.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One running gateway for the edge header tests, shared by the test classes that extend it (same configuration, so
 * Spring reuses one context), with these routes in front of an {@link EchoUpstream}:
 * <ul>
 * <li>{@code /orders/**}: declared, bearer and API key, the gateway mints the upstream token;</li>
 * <li>{@code /public/**}: declared, no credentials, one extra strip header;</li>
 * <li>{@code /open/**}: declared, no credentials, {@code forward-credentials: true};</li>
 * <li>{@code /manual/**} and {@code /manual-open/**}: hand-written Spring Cloud Gateway routes, the second with
 * the {@code ForwardCredentials} filter; {@code /ws/**}: hand-written, to a WebSocket upstream.</li>
 * </ul>
 * 127.0.0.1 is a trusted proxy for Spring Cloud Gateway, so it sets {@code X-Forwarded-*}: headers the gateway sets
 * that a caller's {@code Connection} must not remove.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class EdgeGateway {

	static final String AUDIENCE = "https://gw.test/orders";

	static final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();

	static final EchoUpstream upstream = EchoUpstream.start(0);

	/** A WebSocket upstream that says hello; {@link #webSocketHandshake} gets the headers of the handshake it saw. */
	static final CompletableFuture<HttpHeaders> webSocketHandshake = new CompletableFuture<>();

	static final DisposableServer webSocketUpstream = HttpServer.create()
		// Loops of its own, like EchoUpstream's: a gateway context closing disposes the global ones.
		.runOn(LoopResources.create("ws-upstream", 1, true))
		.host("127.0.0.1")
		.port(0)
		.route(routes -> routes.ws("/ws/hello", (in, out) -> {
			webSocketHandshake.complete(in.headers().copy());
			return out.sendString(Mono.just("hello"));
		}))
		.bindNow();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static String apiKey;

	@LocalServerPort
	int port;

	@Autowired
	ApiKeyLifecycle keys;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.issuers[0].name", () -> "test");
		registry.add("tollgate.issuers[0].issuer-uri", authorizationServer::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", authorizationServer::jwksUri);
		registry.add("tollgate.minting.issuer", () -> "https://gw.test");
		registry.add("tollgate.gateway.public-base-url", () -> "https://gw.test");
		registry.add("tollgate.gateway.strip-headers[0]", () -> "X-Internal-*");
		registry.add("spring.cloud.gateway.server.webflux.trusted-proxies", () -> "127\\.0\\.0\\.1");
		route(registry, 0, "orders", "/orders/**");
		registry.add("tollgate.routes[0].audience", () -> AUDIENCE);
		registry.add("tollgate.routes[0].scopes[0]", () -> "orders:read");
		registry.add("tollgate.routes[0].credentials[0]", () -> "bearer");
		registry.add("tollgate.routes[0].credentials[1]", () -> "api-key");
		registry.add("tollgate.routes[0].upstream-token.audience", () -> "orders-api");
		route(registry, 1, "public", "/public/**");
		registry.add("tollgate.routes[1].credentials", () -> "");
		registry.add("tollgate.routes[1].strip-headers[0]", () -> "X-Route-Only");
		route(registry, 2, "open", "/open/**");
		registry.add("tollgate.routes[2].credentials", () -> "");
		registry.add("tollgate.routes[2].forward-credentials", () -> "true");
		String manual = "spring.cloud.gateway.server.webflux.routes";
		registry.add(manual + "[0].id", () -> "manual");
		registry.add(manual + "[0].uri", upstream::uri);
		registry.add(manual + "[0].predicates[0]", () -> "Path=/manual/**");
		registry.add(manual + "[1].id", () -> "manual-open");
		registry.add(manual + "[1].uri", upstream::uri);
		registry.add(manual + "[1].predicates[0]", () -> "Path=/manual-open/**");
		registry.add(manual + "[1].filters[0]", () -> "ForwardCredentials");
		registry.add(manual + "[2].id", () -> "ws");
		registry.add(manual + "[2].uri", () -> "ws://127.0.0.1:" + webSocketUpstream.port());
		registry.add(manual + "[2].predicates[0]", () -> "Path=/ws/**");
	}

	private static void route(DynamicPropertyRegistry registry, int i, String id, String path) {
		registry.add("tollgate.routes[" + i + "].id", () -> id);
		registry.add("tollgate.routes[" + i + "].path[0]", () -> path);
		registry.add("tollgate.routes[" + i + "].upstream", upstream::uri);
	}

	RawHttp raw() {
		return RawHttp.to(this.port);
	}

	/** A valid access token for {@code /orders}. */
	static String token() {
		return authorizationServer.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");
	}

	/** A valid API key for {@code /orders}, issued once. */
	synchronized String apiKey() {
		if (apiKey == null) {
			apiKey = this.keys.issue(IssueRequest.forClient("agent-key").scopes(Set.of("orders:read")))
				.toCompletableFuture()
				.join()
				.key();
		}
		return apiKey;
	}

	/** The headers the upstream received, from the echo in a 200 answer. */
	static Map<String, List<String>> upstreamHeaders(RawHttp.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		Map<String, Object> echo = JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() {
		});
		@SuppressWarnings("unchecked")
		Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
		return headers;
	}

	/** The upstream's query string, from the echo. */
	static String upstreamQuery(RawHttp.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return (String) JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() {
		}).get("query");
	}

	/** Values of {@code name} at the upstream, ignoring case; empty when absent. */
	static List<String> values(Map<String, List<String>> headers, String name) {
		return headers.entrySet()
			.stream()
			.filter(e -> e.getKey().equalsIgnoreCase(name))
			.flatMap(e -> e.getValue().stream())
			.toList();
	}

}
