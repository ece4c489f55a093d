package dev.tollgate.app.admin;

import java.net.URI;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.admin.AdminAudit;
import dev.tollgate.app.TollgateApplication;
import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management plane with an admin token, on the traffic port, over a raw socket: every spelling of an admin path
 * either meets the token check or reaches no endpoint; health stays open; the token opens everything exposed; each
 * admin action is audited without the key; routes never meet the management chain.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ManagementPlaneTests {

	static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

	static final String BEARER = "Authorization: Bearer " + ADMIN_TOKEN;

	static final EchoUpstream upstream = EchoUpstream.start(0);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	MeterRegistry registry;

	private final ListAppender<ILoggingEvent> audit = new ListAppender<>();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.minting.issuer", () -> "https://gw.test");
		registry.add("tollgate.gateway.public-base-url", () -> "https://gw.test");
		// The edge firewall refuses every `;` spelling with 400 before the guard (EdgePathTests); relaxed here so the
		// guard is shown to hold on its own against the paths routing decodes.
		registry.add("tollgate.gateway.firewall.allow-semicolon", () -> "true");
		registry.add("tollgate.admin.token", () -> ADMIN_TOKEN);
		registry.add("management.endpoints.web.exposure.include", () -> ManagementPaths.EXPOSURE);
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
	}

	@BeforeEach
	void captureAudit() {
		this.audit.start();
		((Logger) LoggerFactory.getLogger(AdminAudit.LOGGER)).addAppender(this.audit);
	}

	@AfterEach
	void releaseAudit() {
		((Logger) LoggerFactory.getLogger(AdminAudit.LOGGER)).detachAppender(this.audit);
	}

	/** Either a spelling meets the guard (401) or it reaches no endpoint (404, 400), with or without the token. */
	@Test
	void apikeysWhenAnySpellingWithoutTokenThenNoKeyListedOrIssued() throws Exception {
		for (String target : ManagementPaths.APIKEYS_SPELLINGS) {
			RawHttp.Response get = RawHttp.to(this.port).request("GET", target);
			assertRefused(target, get);
			if (get.status() != 401) {
				// Not the guard's 401: then no endpoint is there at all, and the token changes nothing.
				assertThat(RawHttp.to(this.port).request("GET", target, BEARER).status()).as(target)
					.isEqualTo(get.status());
			}
			RawHttp.Response post = ManagementPaths.post(this.port, target,
					"{\"action\":\"issue\",\"clientId\":\"intruder\"}");
			assertRefused(target, post);
			RawHttp.Response revoke = ManagementPaths.post(this.port, target + "/somekey/revoke", "{}");
			assertRefused(target + "/somekey/revoke", revoke);
		}
		assertThat(keys()).noneMatch(k -> "intruder".equals(k.get("client_id")));
	}

	@Test
	void apikeysWhenSpellingRoutingDecodesThen401ChallengeRfc6750Section3AndNoStore() {
		for (String target : ManagementPaths.APIKEYS_DECODED) {
			for (String method : List.of("GET", "POST", "PUT", "DELETE", "OPTIONS")) {
				RawHttp.Response response = RawHttp.to(this.port).request(method, target);
				assertThat(response.status()).as(method + " " + target).isEqualTo(401);
				assertThat(response.header("WWW-Authenticate")).as(target).isEqualTo("Bearer realm=\"tollgate-admin\"");
				assertThat(response.header("Cache-Control")).as(target).isEqualTo("no-store");
				assertThat(response.body()).as(target).isEmpty();
			}
		}
	}

	@Test
	void apikeysWhenSpellingRoutingDecodesAndTokenThenSameEndpointAnswers() {
		// The chain and the endpoint see the same path: what the token opens is exactly what it guards.
		for (String target : ManagementPaths.APIKEYS_DECODED) {
			RawHttp.Response response = RawHttp.to(this.port).request("GET", target, BEARER);
			assertThat(response.status()).as(target).isEqualTo(200);
			assertThat(response.body()).as(target).contains("\"keys\"");
			assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		}
	}

	@Test
	void revokeWhenAnySpellingWithoutTokenThenKeyStillWorks() throws Exception {
		Map<String, Object> issued = issue("revoke-target");
		String key = (String) issued.get("key");
		for (String prefix : ManagementPaths.APIKEYS_SPELLINGS) {
			String target = prefix.replace("?x=1", "") + "/" + issued.get("key_id") + "/revoke";
			assertRefused(target, ManagementPaths.post(this.port, target, "{}"));
		}
		assertThat(RawHttp.to(this.port).request("GET", "/orders/1", "X-API-Key: " + key).status()).isEqualTo(200);
	}

	@Test
	void endpointsWhenNoTokenThen401AndNothingOfTheEndpoint() {
		for (String target : ManagementPaths.LOCKED) {
			RawHttp.Response response = RawHttp.to(this.port).request("GET", target);
			assertThat(response.status()).as(target).isEqualTo(401);
			assertThat(response.header("WWW-Authenticate")).as(target).isEqualTo("Bearer realm=\"tollgate-admin\"");
			assertThat(response.body()).as(target).isEmpty();
		}
	}

	@Test
	void endpointsWhenWrongOrMalformedCredentialThen401() {
		List<String> credentials = List.of("Authorization: Bearer " + ADMIN_TOKEN + "x",
				"Authorization: Bearer " + ADMIN_TOKEN.substring(1), "Authorization: Bearer " + ADMIN_TOKEN + " x",
				"Authorization: Bearer  " + ADMIN_TOKEN, "Authorization: Basic YWRtaW46" + ADMIN_TOKEN,
				"Authorization: " + ADMIN_TOKEN, "Authorization: Bearer", "X-Admin-Token: " + ADMIN_TOKEN,
				"Cookie: token=" + ADMIN_TOKEN);
		for (String credential : credentials) {
			for (String target : List.of("/actuator/apikeys", "/actuator/prometheus")) {
				RawHttp.Response response = RawHttp.to(this.port).request("GET", target, credential);
				assertThat(response.status()).as(credential + " " + target).isEqualTo(401);
				assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"tollgate-admin\"");
				assertThat(response.body()).isEmpty();
			}
		}
		// A credential in the query string never reaches the guard: the edge refuses it first (400 invalid_request).
		assertThat(RawHttp.to(this.port).request("GET", "/actuator/apikeys?access_token=" + ADMIN_TOKEN).status())
			.isEqualTo(400);
	}

	@Test
	void endpointsWhenTokenThenEverythingExposedAnswers() {
		for (String target : List.of("/actuator", "/actuator/prometheus", "/actuator/metrics", "/actuator/info",
				"/actuator/apikeys", "/actuator/loggers")) {
			RawHttp.Response response = RawHttp.to(this.port).request("GET", target, BEARER);
			assertThat(response.status()).as(target).isEqualTo(200);
			assertThat(response.header("Cache-Control")).as(target).isEqualTo("no-store");
		}
		// Route traffic passes Spring Security's proxy unobserved: no per-request security timers.
		assertThat(RawHttp.to(this.port).request("GET", "/actuator/prometheus", BEARER).body())
			.contains("tollgate_admin_refused").doesNotContain("spring_security_");
		// RFC 9110 §11.1: the auth scheme is case-insensitive.
		assertThat(RawHttp.to(this.port)
			.request("GET", "/actuator/apikeys", "Authorization: bearer " + ADMIN_TOKEN)
			.status()).isEqualTo(200);
	}

	@Test
	void healthWhenTokenAndUnknownComponentPathThen404NeverAServerError() {
		// Spring Boot 4.0's health endpoint answers 500 for an unknown component followed by more segments once
		// components are shown; HealthPathGuard answers 404 first.
		for (String target : List.of("/actuator/health/nope/x", "/actuator/health/tollgateRedis/x",
				"/actuator/health/readiness/nope/x", "/actuator/health/nope")) {
			assertThat(RawHttp.to(this.port).request("GET", target, BEARER).status()).as(target).isEqualTo(404);
		}
		assertThat(RawHttp.to(this.port).request("GET", "/actuator/health/readiness/tollgateReadiness", BEARER)
			.status()).isEqualTo(200);
		assertThat(RawHttp.to(this.port).request("GET", "/actuator/health/livenessState", BEARER).status())
			.isEqualTo(200);
	}

	@Test
	void healthWhenNoTokenThenOpenWithProbeGroups() {
		for (String target : ManagementPaths.OPEN) {
			RawHttp.Response response = RawHttp.to(this.port).request("GET", target);
			assertThat(response.status()).as(target).isEqualTo(200);
			assertThat(response.body()).as(target).contains("\"status\":\"UP\"");
		}
	}

	@Test
	void issueWhenTokenThenKeyWorksAndOneAuditLineWithoutKeyOrToken() throws Exception {
		RawHttp.Response response = ManagementPaths.post(this.port, "/actuator/apikeys",
				"{\"action\":\"issue\",\"clientId\":\"audit-bot\\r\\nevent=forged\"}", BEARER,
				"X-Correlation-Id: audit-test-1");
		assertThat(response.status()).isEqualTo(201);
		Map<String, Object> issued = json.readValue(response.body(), MAP);
		String key = (String) issued.get("key");
		assertThat(RawHttp.to(this.port).request("GET", "/orders/1", "X-API-Key: " + key).status()).isEqualTo(200);

		List<ILoggingEvent> lines = this.audit.list.stream().filter(e -> "admin_action".equals(kv(e, "event"))).toList();
		assertThat(lines).hasSize(1);
		ILoggingEvent line = lines.get(0);
		assertThat(kv(line, "action")).isEqualTo("issue");
		assertThat(kv(line, "outcome")).isEqualTo("success");
		assertThat(kv(line, "key_id")).isEqualTo(issued.get("key_id"));
		assertThat(kv(line, "client_id")).isEqualTo("audit-bot\\r\\nevent=forged");
		assertThat(kv(line, "admin")).matches("admin-token:[0-9a-f]{8}");
		assertThat(kv(line, "peer")).isEqualTo("127.0.0.1");
		assertThat(kv(line, "correlation_id")).isEqualTo("audit-test-1");
		for (ILoggingEvent event : this.audit.list) {
			String all = event.getFormattedMessage() + " " + event.getKeyValuePairs();
			assertThat(all).doesNotContain(key).doesNotContain(ADMIN_TOKEN).doesNotContain("\r").doesNotContain("\n");
		}
	}

	@Test
	void revokeWhenTokenThenAuditedWithKeyIdAndClient() throws Exception {
		Map<String, Object> issued = issue("revoke-bot");
		RawHttp.Response response = ManagementPaths.post(this.port,
				"/actuator/apikeys/" + issued.get("key_id") + "/revoke", "{}", BEARER);
		assertThat(response.status()).isEqualTo(200);
		assertThat(this.audit.list).anySatisfy(e -> {
			assertThat(kv(e, "action")).isEqualTo("revoke");
			assertThat(kv(e, "key_id")).isEqualTo(issued.get("key_id"));
			assertThat(kv(e, "client_id")).isEqualTo("revoke-bot");
			assertThat(kv(e, "outcome")).isEqualTo("success");
		});
		ManagementPaths.post(this.port, "/actuator/apikeys/nope/revoke", "{}", BEARER);
		assertThat(this.audit.list).anySatisfy(e -> {
			assertThat(kv(e, "key_id")).isEqualTo("nope");
			assertThat(kv(e, "outcome")).isEqualTo("refused");
			assertThat(kv(e, "status")).isEqualTo("404");
		});
	}

	@Test
	void refusalWhenAnyThenCountedByReason() {
		double before = refused("invalid");
		RawHttp.to(this.port).request("GET", "/actuator/apikeys", "Authorization: Bearer wrong-token-0123456789abcdef");
		assertThat(refused("invalid")).isEqualTo(before + 1);
		double missing = refused("missing");
		RawHttp.to(this.port).request("GET", "/actuator;x=1/apikeys");
		assertThat(refused("missing")).isEqualTo(missing + 1);
	}

	@Test
	void routeWhenBasicCredentialThenTollgateBearerChallengeNotSpringSecurity() {
		RawHttp.Response response = RawHttp.to(this.port)
			.request("GET", "/orders/1", "Authorization: Basic dXNlcjpwYXNz");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=\"tollgate\"");
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void securityChainsWhenRouteRequestThenOnlyTheManagementChainExistsAndItDoesNotMatch() {
		Map<String, SecurityWebFilterChain> chains = this.context.getBeansOfType(SecurityWebFilterChain.class);
		assertThat(chains).containsOnlyKeys("tollgateManagementSecurity");
		SecurityWebFilterChain chain = chains.get("tollgateManagementSecurity");
		for (String path : List.of("/orders/1", "/orders/actuator/apikeys", "/", "/.well-known/jwks.json",
				"/actuatorx/apikeys", "/actuator/nothing")) {
			assertThat(chain.matches(exchange(path)).block()).as(path).isFalse();
		}
		for (String path : List.of("/actuator/apikeys", "/actuator;x=1/apikeys", "/%61ctuator/apikeys",
				"/actuator/health", "/actuator")) {
			assertThat(chain.matches(exchange(path)).block()).as(path).isTrue();
		}
	}

	private MockServerWebExchange exchange(String path) {
		return MockServerWebExchange.builder(MockServerHttpRequest.method(HttpMethod.GET, URI.create(path)).build())
			.applicationContext(this.context)
			.build();
	}

	private double refused(String reason) {
		return this.registry.counter("tollgate.admin.refused", "reason", reason).count();
	}

	private static void assertRefused(String target, RawHttp.Response response) {
		assertThat(response.status()).as(target + " -> " + response).isGreaterThanOrEqualTo(400);
		assertThat(response.body()).as(target).doesNotContain("\"keys\"").doesNotContain("\"key\"");
	}

	private Map<String, Object> issue(String clientId) throws Exception {
		RawHttp.Response response = ManagementPaths.post(this.port, "/actuator/apikeys",
				"{\"action\":\"issue\",\"clientId\":\"" + clientId + "\"}", BEARER);
		assertThat(response.status()).isEqualTo(201);
		return json.readValue(response.body(), MAP);
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> keys() throws Exception {
		RawHttp.Response response = RawHttp.to(this.port).request("GET", "/actuator/apikeys", BEARER);
		assertThat(response.status()).isEqualTo(200);
		return (List<Map<String, Object>>) json.readValue(response.body(), MAP).get("keys");
	}

	static String kv(ILoggingEvent event, String key) {
		if (event.getKeyValuePairs() == null) {
			return null;
		}
		return event.getKeyValuePairs()
			.stream()
			.filter(p -> p.key.equals(key))
			.map(p -> String.valueOf(p.value))
			.findFirst()
			.orElse(null);
	}

}
