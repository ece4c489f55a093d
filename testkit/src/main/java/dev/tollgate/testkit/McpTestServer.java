package dev.tollgate.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted MCP server on the Streamable HTTP transport, for gateway tests that need exact control of the answers
 * (SSE framing, pagination, session ids): Reactor Netty on {@code 127.0.0.1}, one path, every {@code POST} answered
 * per JSON-RPC message. {@code initialize} hands out a fresh {@code Mcp-Session-Id}; {@code tools/list} lists the
 * configured tools with {@code nextCursor: "page-2"}, as JSON, or as an SSE stream (a progress notification, then
 * the answer split over two TCP writes) when the request carries {@code X-Test-Answer: sse} (with {@code sse-held}
 * the answer waits for {@link #release()}); {@code tools/call}
 * echoes the tool name; notifications and responses get 202. It remembers every body and session id it received,
 * so a test can assert what the gateway let through. For the official SDK's server see the tests of the filters
 * module.
 */
public final class McpTestServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<String> tools;

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	private final List<String> sessionIds = new CopyOnWriteArrayList<>();

	private final List<String> issuedSessions = new CopyOnWriteArrayList<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicReference<Sinks.Empty<Void>> gate = new AtomicReference<>();

	/**
	 * Loops of its own: on the global ones, a gateway context closing in the same JVM (Spring disposes the global
	 * Reactor Netty resources) could stop them under this server, and closing it would then time out.
	 */
	private final LoopResources loops = LoopResources.create("mcp-test-server", 1, true);

	private final DisposableServer server;

	private McpTestServer(List<String> tools) {
		this.tools = List.copyOf(tools);
		this.server = HttpServer.create()
			.runOn(this.loops)
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
				this.requests.incrementAndGet();
				this.bodies.add(body);
				String session = request.requestHeaders().get("Mcp-Session-Id");
				if (session != null) {
					this.sessionIds.add(session);
				}
				if (!"POST".equals(request.method().name())) {
					return response.status(405).send().then();
				}
				JsonNode root = JSON.readTree(body);
				String mode = request.requestHeaders().get("X-Test-Answer");
				boolean sse = "sse".equals(mode) || "sse-held".equals(mode);
				List<JsonNode> messages = new ArrayList<>();
				root.forEach(messages::add);
				if (!root.isArray()) {
					messages = List.of(root);
				}
				List<String> answers = new ArrayList<>();
				String issued = null;
				for (JsonNode message : messages) {
					if (!message.has("id") || !message.has("method")) {
						continue;
					}
					String method = message.get("method").stringValue();
					if ("initialize".equals(method)) {
						issued = UUID.randomUUID().toString();
						this.issuedSessions.add(issued);
					}
					answers.add(answer(message, method));
				}
				if (issued != null) {
					response.header("Mcp-Session-Id", issued);
				}
				if (answers.isEmpty()) {
					return response.status(202).send().then();
				}
				String json = root.isArray() ? "[" + String.join(",", answers) + "]" : answers.get(0);
				if (sse) {
					String id = messages.get(0).get("id").toString();
					String progress = "event: message\nid: 1\ndata: {\"jsonrpc\":\"2.0\",\"method\":"
							+ "\"notifications/progress\",\"params\":{\"progressToken\":" + id + ",\"progress\":1}}\n\n";
					String event = "event: message\nid: 2\ndata: " + json + "\n\n";
					int half = event.length() / 2;
					Flux<String> rest = Flux.just(event.substring(0, half), event.substring(half));
					if ("sse-held".equals(mode)) {
						// The answer waits for release(): a test sees whether the progress event arrived before it.
						Sinks.Empty<Void> gate = Sinks.empty();
						this.gate.set(gate);
						rest = gate.asMono().thenMany(rest);
					}
					return response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
						.sendString(Flux.concat(Flux.just(progress), rest), StandardCharsets.UTF_8)
						.then();
				}
				return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.sendString(Mono.just(json), StandardCharsets.UTF_8)
					.then();
			}))
			.bindNow();
	}

	/** Starts on a free loopback port, serving these tools. */
	public static McpTestServer start(String... tools) {
		return new McpTestServer(List.of(tools));
	}

	private String answer(JsonNode message, String method) {
		Map<String, Object> result = switch (method) {
			case "initialize" -> Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of("tools", Map.of()),
					"serverInfo", Map.of("name", "mcp-test-server", "version", "1"));
			case "tools/list" -> Map.of("tools", this.tools.stream()
				.map(name -> Map.of("name", name, "description", "the " + name + " tool", "inputSchema",
						Map.of("type", "object")))
				.toList(), "nextCursor", "page-2");
			case "tools/call" -> Map.of("content", List.of(Map.of("type", "text", "text",
					"called " + message.get("params").get("name").stringValue())), "isError", false);
			default -> Map.of();
		};
		return "{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id").toString() + ",\"result\":"
				+ JSON.writeValueAsString(result) + "}";
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/** Lets the held SSE answer ({@code X-Test-Answer: sse-held}) send its last event. */
	public void release() {
		Sinks.Empty<Void> held = this.gate.getAndSet(null);
		if (held != null) {
			held.tryEmitEmpty();
		}
	}

	/** How many requests reached the server. */
	public int requests() {
		return this.requests.get();
	}

	/** The bodies received, in order. */
	public List<String> bodies() {
		return List.copyOf(this.bodies);
	}

	/** The {@code Mcp-Session-Id} values received, in order. */
	public List<String> sessionIdsReceived() {
		return List.copyOf(this.sessionIds);
	}

	/** The session ids this server handed out. */
	public List<String> sessionsIssued() {
		return List.copyOf(this.issuedSessions);
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
	}

}
