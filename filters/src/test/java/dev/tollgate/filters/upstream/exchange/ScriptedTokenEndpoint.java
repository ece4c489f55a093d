package dev.tollgate.filters.upstream.exchange;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A token endpoint that answers what a test scripts (a status and a body, or never), for the failure modes a real
 * authorization server will not produce on demand: 5xx, throttling, garbage, header-breaking tokens, silence. It is
 * not an identity provider; the happy paths run against the real Spring Authorization Server.
 */
final class ScriptedTokenEndpoint implements AutoCloseable {

	/** One received request: its form parameters and Authorization header. */
	record Received(Map<String, String> form, String authorization) {
	}

	private final DisposableServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	private volatile String body = "{}";

	private volatile Map<String, String> headers = Map.of();

	private volatile boolean silent;

	ScriptedTokenEndpoint() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive()
				.aggregate()
				.asString()
				.defaultIfEmpty("")
				.flatMap((form) -> respond(form, request.requestHeaders().get("Authorization"), response)))
			.bindNow();
	}

	private Mono<Void> respond(String form, String authorization, HttpServerResponse response) {
		this.received.add(new Received(parse(form), authorization));
		if (this.silent) {
			return Mono.never();
		}
		response.status(HttpResponseStatus.valueOf(this.status)).header("Content-Type", "application/json");
		this.headers.forEach(response::header);
		return response.sendString(Mono.just(this.body)).then();
	}

	ScriptedTokenEndpoint answer(int status, String body) {
		return answer(status, body, Map.of());
	}

	ScriptedTokenEndpoint answer(int status, String body, Map<String, String> headers) {
		this.status = status;
		this.body = body;
		this.headers = headers;
		this.silent = false;
		return this;
	}

	/** Accept requests and never answer them. */
	ScriptedTokenEndpoint hang() {
		this.silent = true;
		return this;
	}

	/** A well-formed RFC 8693 §2.2.1 success answer. */
	ScriptedTokenEndpoint issue(String token, long expiresIn) {
		return answer(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn
				+ ",\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\"}");
	}

	URI tokenUri() {
		return URI.create("http://127.0.0.1:" + this.server.port() + "/oauth2/token");
	}

	List<Received> received() {
		return this.received;
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	private static Map<String, String> parse(String form) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : form.split("&")) {
			if (!pair.isEmpty()) {
				int eq = pair.indexOf('=');
				values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return values;
	}

}
