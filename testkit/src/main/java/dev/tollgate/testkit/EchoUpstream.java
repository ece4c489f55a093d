package dev.tollgate.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

/**
 * An upstream for gateway tests: a small Reactor Netty server that answers every request with JSON describing the
 * method, path, query and headers it received, so a test can assert exactly what the gateway forwarded. It also
 * remembers what reached it (how many requests, how many carried a header, the last request's headers), so a test
 * can assert that a rejected request never arrived. The demo module has the same server for newcomers; this copy
 * keeps the demo out of every test classpath.
 */
public final class EchoUpstream implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AtomicInteger requests = new AtomicInteger();

	/** Requests per header name (lower case) that carried it: bounded by the names, not by the requests. */
	private final Map<String, AtomicInteger> withHeader = new ConcurrentHashMap<>();

	private volatile Map<String, List<String>> lastHeaders = Map.of();

	/**
	 * Loops of its own: on the global ones, a gateway context closing in the same JVM (Spring disposes the global
	 * Reactor Netty resources) could stop them under this server, and closing it would then time out.
	 */
	private final LoopResources loops = LoopResources.create("echo-upstream", 1, true);

	private final DisposableServer server;

	private EchoUpstream(Builder builder) {
		this.server = HttpServer.create()
			.runOn(this.loops)
			.host("127.0.0.1")
			.port(builder.port)
			.handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
				Map<String, List<String>> headers = new LinkedHashMap<>();
				request.requestHeaders().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>())
					.add(h.getValue()));
				record(headers);
				String uri = request.uri();
				if (builder.refusedPrefix != null && uri.startsWith(builder.refusedPrefix)) {
					return response.status(builder.refusedStatus).send().then();
				}
				Map<String, Object> echo = new LinkedHashMap<>();
				echo.put("method", request.method().name());
				int q = uri.indexOf('?');
				echo.put("path", (q < 0) ? uri : uri.substring(0, q));
				echo.put("query", (q < 0) ? "" : uri.substring(q + 1));
				echo.put("headers", headers);
				echo.put("body_length", body.length());
				byte[] json = JSON.writeValueAsBytes(echo);
				return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.sendByteArray(Mono.just(json))
					.then();
			}))
			.bindNow();
	}

	/** Starts on {@code 127.0.0.1:port} ({@code 0} picks a free port), echoing every request. */
	public static EchoUpstream start(int port) {
		return builder().port(port).start();
	}

	/** An echo upstream on a free port, unless the builder says otherwise. */
	public static Builder builder() {
		return new Builder();
	}

	private void record(Map<String, List<String>> headers) {
		headers.keySet()
			.stream()
			.map(name -> name.toLowerCase(Locale.ROOT))
			.distinct()
			.forEach(name -> this.withHeader.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet());
		this.lastHeaders = headers;
		// Counted last, so a test that sees the count also sees the headers.
		this.requests.incrementAndGet();
	}

	public int port() {
		return this.server.port();
	}

	public String uri() {
		return "http://127.0.0.1:" + port();
	}

	/** Requests received so far, refused ones included. */
	public int requests() {
		return this.requests.get();
	}

	/** Requests received so far that carried the header {@code name} (matched ignoring case). */
	public int requestsWithHeader(String name) {
		AtomicInteger count = this.withHeader.get(name.toLowerCase(Locale.ROOT));
		return (count != null) ? count.get() : 0;
	}

	/** The headers of the last request received, or an empty map before the first. */
	public Map<String, List<String>> lastHeaders() {
		return this.lastHeaders;
	}

	/** The first value of a header of the last request, matched ignoring case, or {@code null}. */
	public String lastHeader(String name) {
		return this.lastHeaders.entrySet()
			.stream()
			.filter(e -> e.getKey().equalsIgnoreCase(name))
			.map(e -> e.getValue().get(0))
			.findFirst()
			.orElse(null);
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
	}

	/** How the upstream answers: by default it echoes every request on a free port. */
	public static final class Builder {

		private int port;

		private String refusedPrefix;

		private int refusedStatus;

		private Builder() {
		}

		/** The port to listen on; {@code 0} (the default) picks a free one. */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Answers {@code status} with no body to paths starting with {@code pathPrefix}, e.g. 401 for an upstream that
		 * no longer accepts the token it was given. Such requests are still recorded.
		 */
		public Builder refusing(String pathPrefix, int status) {
			this.refusedPrefix = pathPrefix;
			this.refusedStatus = status;
			return this;
		}

		public EchoUpstream start() {
			return new EchoUpstream(this);
		}

	}

}
