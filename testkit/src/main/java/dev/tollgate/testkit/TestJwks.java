package dev.tollgate.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A controlled issuer for JWKS-cache tests: serves a JWK set at {@link #jwksUri()} and RFC 8414 / OpenID metadata
 * at {@code /.well-known/...}, counts JWKS requests, and on demand swaps keys, fails with a status, or holds
 * requests until released (to test single-flight fetching). Only public keys are ever served.
 */
public final class TestJwks implements AutoCloseable {

	static {
		// Without TCP_NODELAY every response of the JDK server stalls ~40 ms (Nagle + delayed ACK). The flag is read
		// once, when the JDK's server configuration class loads, so it must be set before the first HttpServer.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private static final String JWKS_PATH = "/jwks";

	private final HttpServer server;
	private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
		Thread thread = new Thread(r, "test-jwks");
		thread.setDaemon(true);
		return thread;
	});
	private final AtomicInteger jwksRequests = new AtomicInteger();
	private volatile JWKSet keys;
	private volatile int failureStatus;
	private volatile CountDownLatch gate = new CountDownLatch(0);

	private TestJwks(JWKSet keys) {
		this.keys = keys.toPublicJWKSet();
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext(JWKS_PATH, this::jwks);
		this.server.createContext("/.well-known/", this::metadata);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** Starts serving the public halves of the given keys (default: {@link TestKeys#rsa1()}, {@link TestKeys#ec1()}). */
	public static TestJwks start(JWK... keys) {
		JWK[] initial = (keys.length == 0) ? new JWK[] { TestKeys.rsa1(), TestKeys.ec1() } : keys;
		return new TestJwks(TestKeys.publicJwkSet(initial));
	}

	/** {@code http://127.0.0.1:PORT}: use as the issuer of tokens this JWKS is meant to verify. */
	public String issuerUri() {
		return "http://" + this.server.getAddress().getAddress().getHostAddress() + ":" + port();
	}

	public String jwksUri() {
		return issuerUri() + JWKS_PATH;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** Serves these keys from now on (public halves only). */
	public void setKeys(JWK... keys) {
		this.keys = TestKeys.publicJwkSet(keys);
	}

	/** Answers every JWKS request with this status and an empty body until {@link #recover()}. */
	public void failWith(int status) {
		this.failureStatus = status;
	}

	/** Answers 500 to every JWKS request until {@link #recover()}. */
	public void fail() {
		failWith(500);
	}

	public void recover() {
		this.failureStatus = 0;
	}

	/** JWKS requests block (each already counted) until {@link #release()}; for single-flight tests. */
	public void hold() {
		this.gate = new CountDownLatch(1);
	}

	public void release() {
		this.gate.countDown();
	}

	/** JWKS requests received, including failed and held ones. */
	public int requests() {
		return this.jwksRequests.get();
	}

	public void resetRequests() {
		this.jwksRequests.set(0);
	}

	@Override
	public void close() {
		release();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void jwks(HttpExchange exchange) throws IOException {
		this.jwksRequests.incrementAndGet();
		try {
			// Bounded so a forgotten release() cannot hang a build.
			if (!this.gate.await(30, TimeUnit.SECONDS)) {
				respond(exchange, 504, "");
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			respond(exchange, 503, "");
			return;
		}
		int failure = this.failureStatus;
		if (failure != 0) {
			respond(exchange, failure, "");
			return;
		}
		respond(exchange, 200, this.keys.toString());
	}

	private void metadata(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if (!path.equals("/.well-known/openid-configuration")
				&& !path.equals("/.well-known/oauth-authorization-server")) {
			respond(exchange, 404, "");
			return;
		}
		respond(exchange, 200, JSONObjectUtils.toJSONString(Map.of("issuer", issuerUri(), "jwks_uri", jwksUri())));
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
