package dev.tollgate.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.apikeys.ApiKeyBackend;
import dev.tollgate.apikeys.store.RedisKeyChangeBus;
import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.RedisHarness;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway instances (two application contexts) sharing one real Redis: a key revoked through one instance's
 * admin endpoint is refused by the other within a second, although the other had just accepted (and cached) it.
 */
class ApiKeyRevocationAcrossInstancesTests {

	static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

	static final EchoUpstream upstream = EchoUpstream.start(0);

	static final String PREFIX = "t-" + UUID.randomUUID();

	static final ConfigurableApplicationContext first = start();

	static final ConfigurableApplicationContext second = start();

	@AfterAll
	static void stop() {
		first.close();
		second.close();
		upstream.close();
	}

	@Test
	void revokeWhenDoneThroughOneInstanceThenOtherRefusesWithinOneSecond() throws Exception {
		WebTestClient a = client(first);
		WebTestClient b = client(second);
		LinkedBlockingQueue<String> heardOnSecond = new LinkedBlockingQueue<>();
		second.getBean(ApiKeyBackend.class).bus().subscribe(id -> heardOnSecond.add(String.valueOf(id)));
		Map<String, Object> issued = a.post().uri("/actuator/apikeys").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "issue", "clientId", "agent-a", "scopes", "orders:read"))
			.exchange().expectStatus().isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			}).returnResult().getResponseBody();
		String key = (String) issued.get("key");
		String keyId = (String) issued.get("key_id");
		// The issue is announced too: let it reach the second instance before it caches the key.
		assertThat(awaitMessage(heardOnSecond, keyId)).isTrue();
		b.get().uri("/orders/1").header("X-API-Key", key).exchange().expectStatus().isOk();
		assertThat(second.getBean(ApiKeyBackend.class).store().cachedEntries()).isPositive();

		a.post().uri("/actuator/apikeys/" + keyId + "/revoke").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange().expectStatus().isOk();

		assertThat(awaitMessage(heardOnSecond, keyId)).as("second instance told within 1 s").isTrue();
		b.get().uri("/orders/1").header("X-API-Key", key).exchange().expectStatus().isUnauthorized();
		a.get().uri("/orders/1").header("X-API-Key", key).exchange().expectStatus().isUnauthorized();
	}

	/** Takes messages until {@code keyId} arrives; false when a second passes without it. */
	private static boolean awaitMessage(LinkedBlockingQueue<String> heard, String keyId) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
		for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
			if (keyId.equals(heard.poll(left, TimeUnit.NANOSECONDS))) {
				return true;
			}
		}
		return false;
	}

	private static ConfigurableApplicationContext start() {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("server.port", "0");
		p.put("tollgate.redis.url", RedisHarness.shared().uri());
		p.put("tollgate.api-keys.redis-prefix", PREFIX);
		p.put("tollgate.api-keys.cache-ttl", "10m");
		p.put("tollgate.gateway.public-base-url", "https://gw.test");
		p.put("tollgate.minting.issuer", "https://gw.test");
		p.put("tollgate.admin.token", ADMIN_TOKEN);
		p.put("management.endpoints.web.exposure.include", "health,apikeys");
		p.put("tollgate.routes[0].id", "orders");
		p.put("tollgate.routes[0].path[0]", "/orders/**");
		p.put("tollgate.routes[0].upstream", upstream.uri());
		p.put("tollgate.routes[0].audience", "https://gw.test/orders");
		p.put("tollgate.routes[0].scopes[0]", "orders:read");
		p.put("tollgate.routes[0].credentials[0]", "api-key");
		// As command-line arguments: they outrank application.yml (default properties would not).
		String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TollgateApplication.class)
			.web(WebApplicationType.REACTIVE).run(args);
		((RedisKeyChangeBus) context.getBean(ApiKeyBackend.class).bus()).subscribed().toCompletableFuture().join();
		return context;
	}

	private static WebTestClient client(ConfigurableApplicationContext context) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
			// A fresh instance's first requests are slow on a loaded 2-core machine; this is not what is measured.
			.responseTimeout(java.time.Duration.ofSeconds(30))
			.build();
	}

}
