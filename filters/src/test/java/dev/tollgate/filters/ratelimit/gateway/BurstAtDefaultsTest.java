package dev.tollgate.filters.ratelimit.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.testkit.RedisHarness;
import dev.tollgate.testkit.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's measurement as a test: bursts of 20 concurrent requests for a client with no bucket yet, over two
 * instances, with a healthy Redis and the strictest failure policy ({@code deny}), at the default store timeout.
 * On main before the fix, 9 to 13 of each 20 answered 503 {@code store_timeout} at the old 20 ms default. Now the
 * connection and script are ready before the first request and the timeout is sized for a busy host: every
 * request is decided by Redis, exactly the limit is allowed, and nothing answers 503.
 */
class BurstAtDefaultsTest {

	private static final TestAuthorizationServer authorizationServer = TestAuthorizationServer.shared();

	private static final int BURSTS = 5;

	private static final int BURST = 20;

	private static final int LIMIT = 10;

	private static ConfigurableApplicationContext gatewayA;

	private static ConfigurableApplicationContext gatewayB;

	@BeforeAll
	static void start() {
		Map<String, Object> properties = TwoGatewaysSharingRedisTest.gatewayProperties(RedisHarness.shared().uri());
		properties.remove("tollgate.rate-limit.store-timeout");
		properties.put("tollgate.rate-limit.on-store-failure", "deny");
		properties.put("tollgate.rate-limit.key-prefix", "tg-burst-" + System.nanoTime() + ":");
		properties.put("tollgate.rate-limit.policies.standard.limits[0]", LIMIT + "/1h");
		for (int burst = 0; burst < BURSTS; burst++) {
			// One route per burst: each burst meets a bucket that does not exist yet.
			String route = "spring.cloud.gateway.server.webflux.routes[" + (2 + burst) + "].";
			properties.put(route + "id", "burst-" + burst);
			properties.put(route + "uri", "no://op");
			properties.put(route + "predicates[0]", "Path=/burst-" + burst + "/**");
			properties.put(route + "filters[0].name", "Authenticate");
			properties.put(route + "filters[0].args.audience", TwoGatewaysSharingRedisTest.AUDIENCE);
			properties.put(route + "filters[1]", "ClientRateLimit=standard");
		}
		gatewayA = RateLimitTestGateway.run(properties);
		gatewayB = RateLimitTestGateway.run(properties);
	}

	@AfterAll
	static void stop() {
		gatewayA.close();
		gatewayB.close();
	}

	@Test
	void burstWhenNewClientOnTwoInstancesAtDefaultsThenExactlyTheLimitAndNo503() {
		String token = authorizationServer.clientCredentialsToken("agent-rs", TwoGatewaysSharingRedisTest.AUDIENCE,
				"orders:read");
		WebClient web = WebClient.create();
		for (int burst = 0; burst < BURSTS; burst++) {
			String path = "/burst-" + burst + "/1";
			List<Integer> statuses = Flux.range(0, BURST)
				.flatMap(i -> web.get()
					.uri("http://127.0.0.1:" + RateLimitTestGateway.port((i % 2 == 0) ? gatewayA : gatewayB) + path)
					.headers(h -> h.setBearerAuth(token))
					.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())),
						BURST)
				.collectList()
				.block(Duration.ofSeconds(60));
			assertThat(statuses).as("burst %d", burst).doesNotContain(503);
			assertThat(statuses.stream().filter(s -> s == 200 || s == 404).count()).as("allowed in burst %d", burst)
				.isEqualTo(LIMIT);
			assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(BURST - LIMIT);
		}
	}

}
