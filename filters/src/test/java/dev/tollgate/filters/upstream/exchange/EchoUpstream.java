package dev.tollgate.filters.upstream.exchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real upstream on a free port that records the headers of every request it receives and answers 200, or 401 for
 * paths starting with {@code /orders/refused} (an upstream that no longer accepts the token it was given).
 */
final class EchoUpstream implements AutoCloseable {

	private final DisposableServer server;

	private final List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();

	EchoUpstream() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			Map<String, List<String>> headers = new LinkedHashMap<>();
			request.requestHeaders().forEach((h) -> headers.computeIfAbsent(h.getKey(), (k) -> new ArrayList<>())
				.add(h.getValue()));
			this.received.add(headers);
			if (request.uri().startsWith("/orders/refused")) {
				return response.status(401).send().then();
			}
			return response.header("Content-Type", "text/plain").sendString(Mono.just("ok")).then();
		}).bindNow();
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.port();
	}

	List<Map<String, List<String>>> received() {
		return this.received;
	}

	/** The first value of a header of the last request, matched ignoring case, or {@code null}. */
	String lastHeader(String name) {
		Map<String, List<String>> last = this.received.get(this.received.size() - 1);
		return last.entrySet()
			.stream()
			.filter((e) -> e.getKey().equalsIgnoreCase(name))
			.map((e) -> e.getValue().get(0))
			.findFirst()
			.orElse(null);
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
