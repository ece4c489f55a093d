package dev.tollgate.filters.ratelimit.gateway;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisStatus;
import dev.tollgate.testkit.RedisHarness;

/**
 * The HTTP answer of the {@code deny} failure policy with a real Redis stopped under a running gateway, and the
 * return to shared limits once it is back, without restarting the gateway. (Every policy is tested against a real
 * outage in {@code RedisOutageTest}; this shows the wire answer.)
 */
class GatewayRedisOutageTest {

	private static RedisHarness redis;

	private static ConfigurableApplicationContext gateway;

	private static WebTestClient client;

	@BeforeAll
	static void start() {
		redis = RedisHarness.dedicated();
		gateway = RateLimitTestGateway.start(Map.of("tollgate.redis.url", redis.uri(),
				"tollgate.rate-limit.on-store-failure", "deny", "tollgate.rate-limit.unavailable-retry-after", "5s",
				"tollgate.rate-limit.store-timeout", "2s",
				// Only the limiter's connection on this client, so its reconnect event is the one awaited below.
				"tollgate.api-keys.store", "memory"));
		client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + RateLimitTestGateway.port(gateway)).build();
	}

	@AfterAll
	static void stop() {
		gateway.close();
		redis.close();
	}

	private static void await(RedisStatus.State state) {
		gateway.getBean(RedisConnector.class).status().reaching(state).toCompletableFuture()
			.orTimeout(10, TimeUnit.SECONDS).join();
	}

	private static WebTestClient.ResponseSpec order() {
		return client.get().uri("/orders/1").header(TestIdentityGatewayFilterFactory.HEADER, "agent-outage").exchange();
	}

	@Test
	void requestWhenRedisDownAndDenyPolicyThen503WithRetryAfterThenSharedLimitsWhenBack() {
		order().expectStatus().isOk().expectHeader().valueEquals("RateLimit", "\"standard\";r=19;t=180");

		redis.stop();
		await(RedisStatus.State.DOWN);

		order().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader().valueEquals("Retry-After", "5")
			.expectHeader().valueEquals("RateLimit-Policy", "\"standard\";q=20;w=3600")
			.expectHeader().contentType("application/problem+json")
			.expectBody().jsonPath("$.status").isEqualTo(503);

		redis.start();
		await(RedisStatus.State.UP);

		// Decided by Redis again (which kept nothing across its restart): a full shared bucket.
		order().expectStatus().isOk().expectHeader().valueEquals("RateLimit", "\"standard\";r=19;t=180");
	}

}
