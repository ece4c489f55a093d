package dev.tollgate.app.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.app.TollgateApplication;
import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.RawHttp;
import dev.tollgate.testkit.RedisHarness;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 9, connections, against the running gateway over raw sockets, with API keys in a real Redis. Keep-alive
 * and pipelined requests that are refused (or answered without reading their body) all get their answers; partial
 * and silent connections are closed by the gateway ({@code tollgate.gateway.connections.header-timeout}, short
 * here). Before the fix, about 1 in 500 keep-alive requests with a body and 1 in 5 pipelined connections to
 * {@code /actuator/health} hung until the client gave up.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConnectionEdgeTests {

	static final RedisHarness redis = RedisHarness.dedicated();

	static final EchoUpstream upstream = EchoUpstream.start(0);

	static final ApiKeyFormat format = new ApiKeyFormat();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.redis.url", redis::uri);
		registry.add("tollgate.minting.issuer", () -> "https://gw.test");
		registry.add("tollgate.gateway.public-base-url", () -> "https://gw.test");
		registry.add("tollgate.gateway.failed-auth.enabled", () -> "false");
		registry.add("tollgate.gateway.connections.header-timeout", () -> "1s");
		registry.add("tollgate.routes[0].id", () -> "orders");
		registry.add("tollgate.routes[0].path[0]", () -> "/orders/**");
		registry.add("tollgate.routes[0].upstream", upstream::uri);
		registry.add("tollgate.routes[0].audience", () -> "https://gw.test/orders");
		registry.add("tollgate.routes[0].credentials[0]", () -> "api-key");
		registry.add("tollgate.routes[0].upstream-token.audience", () -> "orders-api");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		redis.close();
	}

	private static String unknownKey() {
		return format.newKey(format.newKeyId());
	}

	@Test
	void keepAliveWhenUnknownApiKeysSentSequentiallyThenEveryRequestAnswered401() throws Exception {
		Map<Integer, Integer> statuses = sequential(i -> "GET /orders/" + i + " HTTP/1.1\r\nHost: gw\r\nX-API-Key: "
				+ unknownKey() + "\r\n\r\n");
		assertThat(statuses).isEqualTo(Map.of(401, 2000));
	}

	@Test
	void keepAliveWhenRefusedRequestsCarryBodiesThenEveryRequestAnswered401() throws Exception {
		Map<Integer, Integer> statuses = sequential(i -> (i % 2 == 0)
				? "POST /orders/1 HTTP/1.1\r\nHost: gw\r\nX-API-Key: " + unknownKey()
						+ "\r\nContent-Length: 11\r\n\r\nhello world"
				: "POST /orders/1 HTTP/1.1\r\nHost: gw\r\nX-API-Key: " + unknownKey()
						+ "\r\nTransfer-Encoding: chunked\r\n\r\nb\r\nhello world\r\n0\r\n\r\n");
		assertThat(statuses).isEqualTo(Map.of(401, 2000));
	}

	@Test
	void pipelinedWhenUnknownApiKeysThenEveryRequestAnsweredInOrder() throws Exception {
		assertThat(pipelined("/orders/1", "X-API-Key: ")).isEqualTo(Map.of(401, 1000));
	}

	@Test
	void pipelinedWhenAnsweredWithoutRoutingOrAuthenticationThenEveryRequestAnswered() throws Exception {
		assertThat(pipelined("/actuator/health", "X-Ignored: ")).isEqualTo(Map.of(200, 1000));
		assertThat(pipelined("/nothing-here", "X-Ignored: ")).isEqualTo(Map.of(404, 1000));
	}

	@Test
	void refusedRequestWhenBodyLargerThanUnreadLimitThenAnsweredAndConnectionClosed() {
		try (RawHttp.Connection connection = RawHttp.to(this.port).open()) {
			String body = "x".repeat(100_000);
			RawHttp.Response response = connection.write("POST /orders/1 HTTP/1.1\r\nHost: gw\r\nX-API-Key: "
					+ unknownKey() + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).read();
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
			assertThat(connection.closedByPeer()).isTrue();
		}
	}

	@Test
	void partialRequestWhenHeadersStopThenConnectionClosedByGateway() {
		try (RawHttp.Connection connection = RawHttp.to(this.port).open()) {
			connection.write("GET /orders/1 HTTP/1.1\r\nHost: gw\r\nX-Partial: 1\r\n");
			assertThat(connection.closedByPeer()).as("closed within the client's 10 s read timeout").isTrue();
		}
	}

	@Test
	void partialRequestWhenSecondRequestOnKeepAliveStopsThenConnectionClosedByGateway() {
		try (RawHttp.Connection connection = RawHttp.to(this.port).open()) {
			assertThat(connection.write("GET /actuator/health HTTP/1.1\r\nHost: gw\r\n\r\n").read().status())
				.isEqualTo(200);
			connection.write("GET /orders/1 HTTP/1.1\r\nHost: gw\r\n");
			assertThat(connection.closedByPeer()).isTrue();
		}
	}

	@Test
	void connectionWhenNothingSentThenClosedByGateway() {
		try (RawHttp.Connection connection = RawHttp.to(this.port).open()) {
			assertThat(connection.closedByPeer()).isTrue();
		}
	}

	/** 20 keep-alive connections at once, 100 requests each, each sent after the previous answer. */
	private Map<Integer, Integer> sequential(IntFunction<String> request) throws Exception {
		Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
		List<CompletableFuture<Void>> connections = new ArrayList<>();
		for (int c = 0; c < 20; c++) {
			connections.add(CompletableFuture.runAsync(() -> {
				try (RawHttp.Connection connection = RawHttp.to(this.port).timeout(Duration.ofSeconds(5)).open()) {
					for (int i = 0; i < 100; i++) {
						int status = connection.write(request.apply(i)).read().status();
						counts.computeIfAbsent(status, (s) -> new AtomicInteger()).incrementAndGet();
						if (status < 0) {
							return;
						}
					}
				}
			}));
		}
		CompletableFuture.allOf(connections.toArray(CompletableFuture[]::new)).get();
		Map<Integer, Integer> statuses = new TreeMap<>();
		counts.forEach((status, n) -> statuses.put(status, n.get()));
		return statuses;
	}

	/** 10 connections at once, 10 rounds of 10 requests written in one go, then their 10 answers read. */
	private Map<Integer, Integer> pipelined(String path, String headerPrefix) throws Exception {
		Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
		List<CompletableFuture<Void>> connections = new ArrayList<>();
		for (int c = 0; c < 10; c++) {
			connections.add(CompletableFuture.runAsync(() -> {
				try (RawHttp.Connection connection = RawHttp.to(this.port).timeout(Duration.ofSeconds(5)).open()) {
					for (int round = 0; round < 10; round++) {
						StringBuilder batch = new StringBuilder();
						for (int i = 0; i < 10; i++) {
							batch.append("GET ").append(path).append(" HTTP/1.1\r\nHost: gw\r\n").append(headerPrefix)
								.append(unknownKey()).append("\r\n\r\n");
						}
						connection.write(batch.toString());
						for (int i = 0; i < 10; i++) {
							int status = connection.read().status();
							counts.computeIfAbsent(status, (s) -> new AtomicInteger()).incrementAndGet();
							if (status < 0) {
								return;
							}
						}
					}
				}
			}));
		}
		CompletableFuture.allOf(connections.toArray(CompletableFuture[]::new)).get();
		Map<Integer, Integer> statuses = new TreeMap<>();
		counts.forEach((status, n) -> statuses.put(status, n.get()));
		return statuses;
	}

}
