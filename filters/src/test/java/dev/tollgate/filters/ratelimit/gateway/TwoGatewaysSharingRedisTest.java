package dev.tollgate.filters.ratelimit.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.testkit.RedisHarness;
import dev.tollgate.testkit.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway instances (two application contexts) sharing one real Redis, with real authentication against an
 * in-process Spring Authorization Server: budgets are per (route, authenticated client), exact across instances, and
 * nothing a client sets in a header opens a new bucket. Policy {@code standard} is 20/1h; {@code agent-es} has the
 * override {@code premium} (40/1h). Each test starts from empty buckets.
 */
class TwoGatewaysSharingRedisTest {

	static final String AUDIENCE = "https://gw.test/orders";

	private static final String KEY_PREFIX = "tg-it-" + UUID.randomUUID() + ":";

	private static final TestAuthorizationServer authorizationServer = TestAuthorizationServer.shared();

	private static ConfigurableApplicationContext gatewayA;

	private static ConfigurableApplicationContext gatewayB;

	private static WebClient web;

	private static String tokenRs;

	@BeforeAll
	static void start() {
		Map<String, Object> properties = gatewayProperties(RedisHarness.shared().uri());
		gatewayA = RateLimitTestGateway.run(properties);
		gatewayB = RateLimitTestGateway.run(properties);
		web = WebClient.create();
		tokenRs = authorizationServer.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");
	}

	@AfterAll
	static void stop() {
		gatewayA.close();
		gatewayB.close();
	}

	static Map<String, Object> gatewayProperties(String redisUrl) {
		Map<String, Object> p = new HashMap<>();
		route(p, 0, "orders", "/orders/**", "ClientRateLimit=standard");
		route(p, 1, "reports", "/reports/**", "ClientRateLimit=standard,5");
		p.put("tollgate.gateway.public-base-url", "https://gw.test");
		p.put("tollgate.issuers[0].name", "test");
		p.put("tollgate.issuers[0].issuer-uri", authorizationServer.issuerUri());
		p.put("tollgate.issuers[0].jwks-uri", authorizationServer.jwksUri());
		p.put("tollgate.minting.issuer", "https://gw.test");
		p.put("tollgate.redis.url", redisUrl);
		p.put("tollgate.rate-limit.key-prefix", KEY_PREFIX);
		p.put("tollgate.rate-limit.instance-count", "2");
		// Generous: this test is about exactness across instances, not latency, on a possibly busy machine.
		p.put("tollgate.rate-limit.store-timeout", "2s");
		p.put("tollgate.rate-limit.policies.standard.limits[0]", "20/1h");
		p.put("tollgate.rate-limit.policies.premium.limits[0]", "40/1h");
		p.put("tollgate.rate-limit.client-overrides.agent-es", "premium");
		p.put("server.port", "0");
		p.put("spring.main.banner-mode", "off");
		p.put("spring.main.web-application-type", "reactive");
		return p;
	}

	private static void route(Map<String, Object> p, int i, String id, String path, String rateLimit) {
		String route = "spring.cloud.gateway.server.webflux.routes[" + i + "].";
		p.put(route + "id", id);
		p.put(route + "uri", "no://op");
		p.put(route + "predicates[0]", "Path=" + path);
		p.put(route + "filters[0].name", "Authenticate");
		p.put(route + "filters[0].args.audience", AUDIENCE);
		p.put(route + "filters[1]", rateLimit);
	}

	@BeforeEach
	void emptyBuckets() {
		RedisClient client = RedisClient.create(RedisHarness.shared().uri());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			List<String> keys = connection.sync().scan(ScanArgs.Builder.matches(KEY_PREFIX + "*").limit(10_000)).getKeys();
			if (!keys.isEmpty()) {
				connection.sync().del(keys.toArray(String[]::new));
			}
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

	private static String base(int i) {
		return "http://127.0.0.1:" + RateLimitTestGateway.port((i % 2 == 0) ? gatewayA : gatewayB);
	}

	private static Mono<Answer> call(int i, String path, String token, Map<String, String> extraHeaders) {
		return web.get()
			.uri(base(i) + path)
			.headers(h -> {
				h.setBearerAuth(token);
				extraHeaders.forEach(h::set);
			})
			.exchangeToMono(response -> response.releaseBody()
				.thenReturn(new Answer(response.statusCode().value(), response.headers().asHttpHeaders())));
	}

	record Answer(int status, HttpHeaders headers) {
	}

	private static long count(List<Answer> answers, int status) {
		return answers.stream().filter(a -> a.status() == status).count();
	}

	@Test
	void requestsWhenConcurrentFromOneClientAcrossTwoGatewaysThenExactlyTheLimitIsAllowed() {
		// 60 requests at once on one hot key, alternating between the two instances.
		List<Answer> answers = Flux.range(0, 60)
			.flatMap(i -> call(i, "/orders/1", tokenRs, Map.of()), 60)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(count(answers, 200)).isEqualTo(20);
		assertThat(count(answers, 429)).isEqualTo(40);
		assertThat(answers).filteredOn(a -> a.status() == 429)
			.allSatisfy(a -> assertThat(a.headers().getFirst("Retry-After")).isNotNull());
	}

	@Test
	void requestsWhenSpoofedForwardingHeadersThenTheClientsOneBucketIsUsed() {
		int allowed = 0;
		for (int i = 0; i < 25; i++) {
			// RFC 9700 §4.13: nothing the client sets may choose the bucket.
			Map<String, String> spoofed = Map.of("X-Forwarded-For", "203.0.113." + i, "Forwarded",
					"for=198.51.100." + i + ";proto=https", "X-Real-IP", "192.0.2." + i, "X-Client-Id", "other-" + i);
			Answer answer = call(i, "/orders/1", tokenRs, spoofed).block();
			allowed += (answer.status() == 200) ? 1 : 0;
		}

		assertThat(allowed).isEqualTo(20);
	}

	@Test
	void requestsWhenTheSameClientUsesFreshTokensThenTheyShareOneBucket() {
		int allowed = 0;
		for (int i = 0; i < 22; i++) {
			String token = (i % 2 == 0) ? tokenRs
					: authorizationServer.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");
			allowed += (call(i, "/orders/1", token, Map.of()).block().status() == 200) ? 1 : 0;
		}

		assertThat(allowed).isEqualTo(20);
	}

	@Test
	void requestWhenAllowedAndWhenRefusedThenRateLimitHeadersOnBoth() {
		Answer first = call(0, "/orders/1", tokenRs, Map.of()).block();
		for (int i = 1; i < 20; i++) {
			call(i, "/orders/1", tokenRs, Map.of()).block();
		}
		Answer refused = call(1, "/orders/1", tokenRs, Map.of()).block();

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.headers().getFirst("RateLimit-Policy")).isEqualTo("\"standard\";q=20;w=3600");
		assertThat(first.headers().getFirst("RateLimit")).isEqualTo("\"standard\";r=19;t=180");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.headers().getFirst("RateLimit-Policy")).isEqualTo("\"standard\";q=20;w=3600");
		assertThat(refused.headers().getFirst("RateLimit")).startsWith("\"standard\";r=0;t=");
		assertThat(Long.parseLong(refused.headers().getFirst("Retry-After"))).isPositive();
	}

	@Test
	void requestsWhenRouteCostsFiveThenFourPassOnEitherInstance() {
		long allowed = Flux.range(0, 6)
			.flatMap(i -> call(i, "/reports/q", tokenRs, Map.of()), 6)
			.filter(a -> a.status() == 200)
			.count()
			.block();

		assertThat(allowed).isEqualTo(4);
	}

	@Test
	void requestsWhenClientHasOverrideThenItsPolicyAppliesAcrossInstances() {
		String tokenEs = authorizationServer.clientCredentialsToken("agent-es", AUDIENCE, "orders:read");

		List<Answer> answers = Flux.range(0, 50)
			.flatMap(i -> call(i, "/orders/1", tokenEs, Map.of()), 50)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(count(answers, 200)).isEqualTo(40);
		assertThat(answers.get(0).headers().getFirst("RateLimit-Policy")).isEqualTo("\"premium\";q=40;w=3600");
	}

	@Test
	void requestWhenTokenInvalidThen401AndNoBudgetConsumed() {
		for (int i = 0; i < 5; i++) {
			assertThat(call(i, "/orders/1", "not-a-valid-token", Map.of()).block().status()).isEqualTo(401);
		}

		Answer answer = call(0, "/orders/1", tokenRs, Map.of()).block();
		assertThat(answer.headers().getFirst("RateLimit")).isEqualTo("\"standard\";r=19;t=180");
	}

}
