package dev.tollgate.app.deploy;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.ClassUtils;

import dev.tollgate.app.TollgateApplication;
import dev.tollgate.devauth.DevAuthorizationServer;
import dev.tollgate.testkit.RedisHarness;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose quick start's gateway configuration ({@code deploy/compose/tollgate/application.yml}) loaded the way
 * the container loads it ({@code SPRING_CONFIG_ADDITIONAL_LOCATION}) into the real application: it binds and passes
 * startup validation, turns the demo off, and the route answers as the compose README says. Only what needs the
 * compose network is replaced: Redis, and the ports (random here).
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.additional-location=file:../deploy/compose/tollgate/application.yml",
				"management.server.port=0", "management.server.address=127.0.0.1" })
@AutoConfigureWebTestClient
class ComposeConfigurationTests {

	static final RedisHarness redis = RedisHarness.shared();

	// compose.yaml sets TOLLGATE_ADMIN_TOKEN; the same here, through the same relaxed binding.
	static final String ADMIN_TOKEN = "compose-test-admin-token-0123456789";

	@LocalManagementPort
	int managementPort;

	@Autowired
	WebTestClient client;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.redis.url", redis::uri);
		registry.add("tollgate.admin.token", () -> ADMIN_TOKEN);
	}

	@Test
	void requestWhenNoCredentialThen401PointingAtMetadataUnderThePublicBaseUrlRfc9728Section5_1() {
		this.client.get()
			.uri("/orders/42")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate\", "
					+ "resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource/orders\"");
	}

	@Test
	void protectedResourceMetadataWhenComposeConfigThenNamesKeycloakRealmAndRouteScope() {
		this.client.get()
			.uri("/.well-known/oauth-protected-resource/orders")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.authorization_servers[0]")
			.isEqualTo("http://localhost:8180/realms/tollgate")
			.jsonPath("$.scopes_supported[0]")
			.isEqualTo("orders:read");
	}

	@Test
	void managementPortWhenAdminTokenSetThenHealthOpenAndMetricsOnlyWithTheToken() {
		// The NetworkPolicy and the loopback-only compose port are the outer fence; the admin token must still guard
		// everything but health on the management port itself.
		WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.managementPort)
			.build();
		// Open without the token. Not ready here: compose's Keycloak is not running, so the issuer's keys were never
		// fetched (tollgateReadiness); what matters is that the probe answers, not 401.
		management.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503)
			.expectBody().jsonPath("$.status").isEqualTo("OUT_OF_SERVICE");
		management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		management.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
		management.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
			.exchange().expectStatus().isOk();
	}

	@Test
	void contextWhenProductionGatewayThenNoDemoAndNoAuthorizationServer() {
		// The demo is its own module (demo/); testkit puts the dev authorization server on this test classpath only.
		assertThat(ClassUtils.isPresent("dev.tollgate.demo.DemoConfiguration", null)).isFalse();
		assertThat(this.context.getBeanNamesForType(DevAuthorizationServer.class)).isEmpty();
	}

}
