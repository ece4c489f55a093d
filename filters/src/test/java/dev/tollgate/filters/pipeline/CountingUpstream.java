package dev.tollgate.filters.pipeline;

import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A local upstream that answers 200 and counts what reaches it: rejected requests must never arrive. */
final class CountingUpstream implements AutoCloseable {

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger withAuthorization = new AtomicInteger();

	private final DisposableServer server;

	private CountingUpstream() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			this.requests.incrementAndGet();
			if (request.requestHeaders().contains("Authorization")) {
				this.withAuthorization.incrementAndGet();
			}
			return response.sendString(Mono.just("upstream ok"));
		}).bindNow();
	}

	static CountingUpstream start() {
		return new CountingUpstream();
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.port();
	}

	int requests() {
		return this.requests.get();
	}

	/** Requests that arrived carrying an {@code Authorization} header (the caller's token must not pass). */
	int requestsWithAuthorization() {
		return this.withAuthorization.get();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
