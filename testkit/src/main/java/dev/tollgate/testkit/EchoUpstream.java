package dev.tollgate.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * An upstream for gateway tests: a small Reactor Netty server that answers every request with JSON describing the
 * method, path, query and headers it received, so a test can assert exactly what the gateway forwarded. The demo
 * module has the same server for newcomers; this copy keeps the demo out of every test classpath.
 */
public final class EchoUpstream implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DisposableServer server;

	private EchoUpstream(DisposableServer server) {
		this.server = server;
	}

	/** Starts on {@code 127.0.0.1:port} ({@code 0} picks a free port). */
	public static EchoUpstream start(int port) {
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
				Map<String, Object> echo = new LinkedHashMap<>();
				echo.put("method", request.method().name());
				String uri = request.uri();
				int q = uri.indexOf('?');
				echo.put("path", (q < 0) ? uri : uri.substring(0, q));
				echo.put("query", (q < 0) ? "" : uri.substring(q + 1));
				Map<String, List<String>> headers = new LinkedHashMap<>();
				request.requestHeaders().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>())
					.add(h.getValue()));
				echo.put("headers", headers);
				echo.put("body_length", body.length());
				byte[] json = JSON.writeValueAsBytes(echo);
				return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.sendByteArray(Mono.just(json))
					.then();
			}))
			.bindNow();
		return new EchoUpstream(server);
	}

	public int port() {
		return this.server.port();
	}

	public String uri() {
		return "http://127.0.0.1:" + port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
