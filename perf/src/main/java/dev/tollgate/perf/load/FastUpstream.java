package dev.tollgate.perf.load;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The upstream every system forwards to: Reactor Netty answering any request with the same small JSON body, so the
 * upstream costs as little as possible and the differences measured are the gateways'. Runs as its own process
 * (its CPU is measured separately): {@code FastUpstream <port>}.
 */
public final class FastUpstream {

	/** Answers with the {@code Authorization} header of the last proxied request (for the harness's smoke check). */
	public static final String LAST_AUTHORIZATION_PATH = "/__perf/last-authorization";

	private static final AtomicReference<String> lastAuthorization = new AtomicReference<>("");

	static final byte[] BODY = "{\"status\":\"ok\",\"service\":\"perf-upstream\",\"items\":[1,2,3]}"
		.getBytes(StandardCharsets.US_ASCII);

	private FastUpstream() {
	}

	public static DisposableServer start(int port) {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.handle((request, response) -> {
				if (request.uri().equals(LAST_AUTHORIZATION_PATH)) {
					return response.sendString(Mono.just(lastAuthorization.get())).then();
				}
				// One reference write per request, the same for every system: lets the harness see what was forwarded.
				lastAuthorization.lazySet(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION, ""));
				return request.receive()
					.then()
					.then(response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
						.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(BODY.length))
						.sendByteArray(Mono.just(BODY))
						.then());
			})
			.bindNow();
	}

	public static void main(String[] args) {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 0;
		DisposableServer server = start(port);
		System.out.println("perf upstream listening on 127.0.0.1:" + server.port());
		server.onDispose().block();
	}

}
