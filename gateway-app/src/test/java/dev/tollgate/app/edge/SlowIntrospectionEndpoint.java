package dev.tollgate.app.edge;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * An RFC 7662 endpoint of an overloaded IdP: it holds every call until the test releases it, then answers
 * {@code active:false}. Counts the calls it received; a test waits for arrivals, never sleeps.
 */
final class SlowIntrospectionEndpoint implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final Semaphore arrived = new Semaphore(0);

	private final AtomicInteger calls = new AtomicInteger();

	private final CountDownLatch release = new CountDownLatch(1);

	private SlowIntrospectionEndpoint(HttpServer server) {
		this.server = server;
	}

	static SlowIntrospectionEndpoint start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
			SlowIntrospectionEndpoint endpoint = new SlowIntrospectionEndpoint(server);
			server.createContext("/introspect", (exchange) -> {
				exchange.getRequestBody().readAllBytes();
				endpoint.calls.incrementAndGet();
				endpoint.arrived.release();
				try {
					endpoint.release.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				byte[] body = "{\"active\":false}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.setExecutor(endpoint.threads);
			server.start();
			return endpoint;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/introspect";
	}

	/** Waits until {@code count} more calls have arrived and are being held. */
	boolean awaitArrivals(int count, Duration timeout) throws InterruptedException {
		return this.arrived.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	int calls() {
		return this.calls.get();
	}

	/** Lets every held and future call answer. */
	void release() {
		this.release.countDown();
	}

	@Override
	public void close() {
		release();
		this.server.stop(0);
		this.threads.shutdownNow();
	}

}
