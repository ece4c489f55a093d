package dev.tollgate.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's MCP server: a very small server on the Streamable HTTP transport with two tools, {@code search_orders}
 * and {@code refund_order}, answering JSON (no SSE stream, no batches). Enough for a newcomer to watch the gateway
 * authorize each tool call, challenge for a missing scope and filter {@code tools/list}.
 */
public final class DemoMcpServer implements AutoCloseable {

	/** The tools this server offers. */
	public static final List<String> TOOLS = List.of("search_orders", "refund_order");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DisposableServer server;

	private DemoMcpServer(DisposableServer server) {
		this.server = server;
	}

	/** Starts on {@code 127.0.0.1:port} ({@code 0} picks a free port). */
	public static DemoMcpServer start(int port) {
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.handle((request, response) -> {
				if (!"POST".equals(request.method().name())) {
					return response.status(405).send();
				}
				return request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
					JsonNode message = JSON.readTree(body);
					if (!message.has("id")) {
						return response.status(202).send().then();
					}
					String method = message.path("method").asString();
					if ("initialize".equals(method)) {
						response.header("Mcp-Session-Id", UUID.randomUUID().toString());
					}
					String json = "{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id") + "," + answer(method, message) + "}";
					return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
						.sendString(Mono.just(json), StandardCharsets.UTF_8)
						.then();
				});
			})
			.bindNow();
		return new DemoMcpServer(server);
	}

	private static String answer(String method, JsonNode message) {
		Object result = switch (method) {
			case "initialize" -> Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of("tools", Map.of()),
					"serverInfo", Map.of("name", "tollgate-demo-mcp", "version", "1"));
			case "tools/list" -> Map.of("tools", TOOLS.stream()
				.map(name -> Map.of("name", name, "description", "Demo tool " + name, "inputSchema",
						Map.of("type", "object")))
				.toList());
			case "tools/call" -> Map.of("content", List.of(Map.of("type", "text", "text",
					message.path("params").path("name").asString() + " done")), "isError", false);
			case "ping" -> Map.of();
			default -> null;
		};
		if (result == null) {
			return "\"error\":{\"code\":-32601,\"message\":\"Method not found\"}";
		}
		return "\"result\":" + JSON.writeValueAsString(result);
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
