package dev.tollgate.app.redis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.app.TollgateApplication;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisPersistenceCheck;
import dev.tollgate.redis.RedisStatus;
import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.RedisHarness;
import dev.tollgate.testkit.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real gateway started while its Redis is down: it starts, serves bearer routes, answers API keys per the
 * documented policy (cached keys served up to {@code max-staleness}, unknown keys 503), reports Redis in health
 * without leaving readiness, and recovers by itself when Redis appears: no restart, one log line per change.
 */
class RedisDownAtStartTests {

	static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

	static final String AUDIENCE = "https://gw.test/orders";

	static final EchoUpstream upstream = EchoUpstream.start(0);

	static final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();

	static final RedisHarness redis = RedisHarness.dedicated();

	static final ListAppender<ILoggingEvent> statusLog = new ListAppender<>();

	static final ListAppender<ILoggingEvent> persistenceLog = new ListAppender<>();

	static ConfigurableApplicationContext gateway;

	static WebTestClient client;

	@BeforeAll
	static void startWithRedisDown() {
		redis.stop();
		gateway = start();
		// After startup: Spring Boot's logging initialisation drops appenders added before it.
		statusLog.start();
		((Logger) LoggerFactory.getLogger(RedisStatus.class)).addAppender(statusLog);
		persistenceLog.start();
		((Logger) LoggerFactory.getLogger(RedisPersistenceCheck.class)).addAppender(persistenceLog);
		client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + gateway.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@AfterAll
	static void stop() {
		((Logger) LoggerFactory.getLogger(RedisStatus.class)).detachAppender(statusLog);
		((Logger) LoggerFactory.getLogger(RedisPersistenceCheck.class)).detachAppender(persistenceLog);
		gateway.close();
		redis.close();
		upstream.close();
		authorizationServer.close();
	}

	@Test
	void gatewayWhenRedisDownAtStartThenServesBearerAnswersKeysByPolicyAndRecoversAlone() {
		await(RedisStatus.State.DOWN);
		String token = authorizationServer.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");
		order("Authorization", "Bearer " + token).expectStatus().isOk();
		// A key this instance never looked up cannot be judged without Redis: 503, never a silent allow.
		order("X-API-Key", "legacy-key-never-seen-0123456789abcdef").expectStatus().isEqualTo(503)
			.expectHeader().exists("Retry-After");
		health("/actuator/health/liveness").expectStatus().isOk();
		health("/actuator/health/readiness").expectStatus().isOk();
		client.get().uri("/actuator/health").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN).exchange()
			.expectStatus().isEqualTo(503)
			.expectBody().jsonPath("$.components.tollgateRedis.status").isEqualTo("DOWN")
			.jsonPath("$.components.tollgateJwks.status").isEqualTo("UP")
			.jsonPath("$.components.tollgateDependencies.status").isEqualTo("UP")
			.jsonPath("$.components.tollgateReadiness.status").isEqualTo("UP")
			.jsonPath("$.components.tollgateRedis.details.topology").value(t -> assertThat((String) t)
				.startsWith("standalone redis://127.0.0.1:"));
		client.get().uri("/actuator/health").exchange().expectBody().jsonPath("$.components").doesNotExist();

		redis.start();
		await(RedisStatus.State.UP);
		String key = issue();
		order("X-API-Key", key).expectStatus().isOk();

		redis.stop();
		await(RedisStatus.State.DOWN);
		// Looked up before the outage (and cache-ttl is 0 here, so it is past its TTL): served from the stale copy.
		order("X-API-Key", key).expectStatus().isOk();
		assertThat(gateway.getBean(MeterRegistry.class).get("tollgate.apikeys.stale").functionCounter().count())
			.isEqualTo(1);
		order("X-API-Key", "legacy-key-other-0123456789abcdefghijk").expectStatus().isEqualTo(503);

		redis.start();
		await(RedisStatus.State.UP);
		order("X-API-Key", "legacy-key-other-0123456789abcdefghijk").expectStatus().isUnauthorized();
		// This Redis keeps nothing across restarts, so the key is gone, as the startup check warned it would be.
		order("X-API-Key", key).expectStatus().isUnauthorized();
		assertThat(persistenceLog.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
			.contains("Redis would lose API keys").contains("appendonly yes"));

		// This gateway's lines only: a context cached by another test class may report its own Redis going away.
		String topology = "redis://127.0.0.1:" + redis.port() + ")";
		List<ILoggingEvent> changes = statusLog.list.stream()
			.filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO) && e.getFormattedMessage().contains(topology))
			.toList();
		// Down (at startup, maybe before the appender was attached), up, down, up: one line each.
		assertThat(changes).extracting(ILoggingEvent::getLevel).endsWith(Level.INFO, Level.WARN, Level.INFO)
			.hasSizeBetween(3, 4);
		assertThat(changes).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
	}

	private static WebTestClient.ResponseSpec order(String header, String value) {
		return client.get().uri("/orders/1").header(header, value).exchange();
	}

	private static WebTestClient.ResponseSpec health(String path) {
		return client.get().uri(path).exchange();
	}

	private static String issue() {
		Map<String, Object> issued = client.post().uri("/actuator/apikeys")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "issue", "clientId", "agent-key", "scopes", "orders:read"))
			.exchange().expectStatus().isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			}).returnResult().getResponseBody();
		return (String) issued.get("key");
	}

	private static void await(RedisStatus.State state) {
		gateway.getBean(RedisConnector.class).status().reaching(state).toCompletableFuture()
			.orTimeout(20, TimeUnit.SECONDS).join();
	}

	private static ConfigurableApplicationContext start() {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("server.port", "0");
		p.put("tollgate.redis.url", redis.uri());
		p.put("tollgate.redis.retry-interval", "200ms");
		p.put("tollgate.redis.probe-interval", "200ms");
		p.put("tollgate.api-keys.redis-prefix", "t-" + UUID.randomUUID());
		p.put("tollgate.api-keys.cache-ttl", "0s");
		p.put("tollgate.gateway.failed-auth.enabled", "false");
		p.put("tollgate.gateway.public-base-url", "https://gw.test");
		p.put("tollgate.minting.issuer", "https://gw.test");
		p.put("tollgate.admin.token", ADMIN_TOKEN);
		p.put("management.endpoints.web.exposure.include", "health,apikeys");
		p.put("tollgate.issuers[0].name", "test");
		p.put("tollgate.issuers[0].issuer-uri", authorizationServer.issuerUri());
		p.put("tollgate.issuers[0].jwks-uri", authorizationServer.jwksUri());
		p.put("tollgate.routes[0].id", "orders");
		p.put("tollgate.routes[0].path[0]", "/orders/**");
		p.put("tollgate.routes[0].upstream", upstream.uri());
		p.put("tollgate.routes[0].audience", AUDIENCE);
		p.put("tollgate.routes[0].scopes[0]", "orders:read");
		p.put("tollgate.routes[0].credentials[0]", "bearer");
		p.put("tollgate.routes[0].credentials[1]", "api-key");
		p.put("tollgate.routes[0].upstream-token.audience", "orders-api");
		String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		return new SpringApplicationBuilder(TollgateApplication.class).web(WebApplicationType.REACTIVE).run(args);
	}

}
