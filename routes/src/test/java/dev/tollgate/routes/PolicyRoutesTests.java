package dev.tollgate.routes;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.context.annotation.Bean;

import dev.tollgate.testkit.AuditCapture;
import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.TestJwks;
import dev.tollgate.testkit.TestJwtBuilder;
import dev.tollgate.testkit.TestJwts;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route policies end to end through {@code tollgate.routes}: a shared policy in enforce mode, the same policy in
 * shadow mode on another route, and an inline one reading the route's labels; in front of an upstream that counts
 * what reaches it.
 */
@SpringBootTest(classes = PolicyRoutesTests.GatewayApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PolicyRoutesTests {

	static final TestJwks lab = TestJwks.start(TestKeys.rsa1());

	static final EchoUpstream upstream = EchoUpstream.builder().start();

	@Autowired
	WebTestClient client;

	@Autowired
	MeterRegistry registry;

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayApp {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.public-base-url", () -> "https://gateway.test");
		registry.add("tollgate.issuers[0].name", () -> "lab");
		registry.add("tollgate.issuers[0].issuer-uri", lab::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", lab::jwksUri);
		registry.add("tollgate.policies.same-tenant.expression",
				() -> "caller.claims.tenant == request.path_vars.tenant");
		route(registry, 0, "orders", "/tenants/{tenant}/orders/**", "same-tenant", null);
		route(registry, 1, "invoices", "/tenants/{tenant}/invoices/**", "same-tenant", "shadow");
		route(registry, 2, "reports", "/reports/**", "route.labels.tier == 'internal' && "
				+ "'reports:read' in caller.scopes", null);
		registry.add("tollgate.routes[2].labels.tier", () -> "internal");
	}

	private static void route(DynamicPropertyRegistry registry, int index, String id, String path, String policy,
			String mode) {
		String prefix = "tollgate.routes[" + index + "].";
		registry.add(prefix + "id", () -> id);
		registry.add(prefix + "path[0]", () -> path);
		registry.add(prefix + "upstream", upstream::uri);
		registry.add(prefix + "audience", () -> "https://gateway.test/" + id);
		registry.add(prefix + "policy", () -> policy);
		if (mode != null) {
			registry.add(prefix + "policy-mode", () -> mode);
		}
	}

	@AfterAll
	static void stop() {
		upstream.close();
		lab.close();
	}

	private static TestJwtBuilder token(String route, String tenant) {
		return TestJwts.jwt().issuer(lab.issuerUri()).audience("https://gateway.test/" + route).clientId("agent")
			.claim("tenant", tenant);
	}

	@Test
	void requestWhenClaimMatchesPathVariableThenUpstreamServes() {
		this.client.get().uri("/tenants/acme/orders/1").headers(h -> h.setBearerAuth(token("orders", "acme").build()))
			.exchange()
			.expectStatus().isOk();
	}

	@Test
	void requestWhenOtherTenantThen403PolicyDeniedNamingThePolicyAndUpstreamUntouched() {
		int before = upstream.requests();
		this.client.get().uri("/tenants/globex/orders/1")
			.headers(h -> h.setBearerAuth(token("orders", "acme").build()))
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
			.expectBody()
			.jsonPath("$.type").isEqualTo("https://tollgate.dev/problems/policy-denied")
			.jsonPath("$.policy").isEqualTo("same-tenant")
			.jsonPath("$.route").isEqualTo("orders")
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).doesNotContain("path_vars"));
		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void requestWhenShadowPolicyWouldDenyThenUpstreamServesAndWouldDenyIsCounted() {
		this.client.get().uri("/tenants/globex/invoices/1")
			.headers(h -> h.setBearerAuth(token("invoices", "acme").build()))
			.exchange()
			.expectStatus().isOk();
		assertThat(this.registry.get("tollgate.policy.evaluations").tag("policy", "same-tenant").tag("mode", "shadow")
			.tag("result", "deny").counter().count()).isEqualTo(1);
	}

	@Test
	void requestWhenInlinePolicyReadsLabelsAndScopesThenDecidesOnThem() {
		this.client.get().uri("/reports/1")
			.headers(h -> h.setBearerAuth(token("reports", "acme").scope("reports:read").build()))
			.exchange()
			.expectStatus().isOk();
		this.client.get().uri("/reports/1")
			.headers(h -> h.setBearerAuth(token("reports", "acme").scope("orders:read").build()))
			.exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.policy").isEqualTo("reports.inline");
	}

	@Test
	void requestWhenDecidedThenExactlyOneStructuredAuditEventWithTheDecisionAndNoToken() {
		String allowed = token("orders", "acme").build();
		String denied = token("orders", "acme").jwtId("denied").build();
		try (AuditCapture audit = AuditCapture.start()) {
			this.client.get().uri("/tenants/acme/orders/1").header("X-Correlation-Id", "corr-allowed")
				.header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
				.headers(h -> h.setBearerAuth(allowed))
				.exchange()
				.expectStatus().isOk();
			this.client.get().uri("/tenants/globex/orders/1").header("X-Correlation-Id", "corr-denied")
				.headers(h -> h.setBearerAuth(denied))
				.exchange()
				.expectStatus().isForbidden();

			List<Map<String, Object>> ok = audit.events(e -> "corr-allowed".equals(e.get("correlation_id")));
			assertThat(ok).singleElement().satisfies(event -> {
				assertThat(event).containsEntry("schema", "tollgate.audit/1")
					.containsEntry("event", "decision")
					.containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
					.containsEntry("route", "orders")
					.containsEntry("stage", "upstream-token")
					.containsEntry("outcome", "allowed")
					.containsEntry("reason", "forwarded")
					.containsEntry("client_id", "agent")
					.containsEntry("credential", "jwt")
					.containsEntry("issuer", "lab")
					.containsEntry("policy", "same-tenant")
					.containsEntry("policy_mode", "enforce")
					.containsEntry("policy_result", "allow")
					.containsEntry("upstream_token", "minted")
					.containsEntry("method", "GET")
					.containsEntry("path_vars", Map.of("tenant", "acme"))
					.containsKeys("time", "latency_us");
				assertThat(((Number) event.get("latency_us")).longValue()).isNotNegative();
			});
			List<Map<String, Object>> refused = audit.events(e -> "corr-denied".equals(e.get("correlation_id")));
			assertThat(refused).singleElement().satisfies(event -> assertThat(event)
				.containsEntry("stage", "policy")
				.containsEntry("outcome", "rejected")
				.containsEntry("reason", "policy_denied")
				.containsEntry("status", 403)
				.containsEntry("policy_result", "deny")
				.doesNotContainKey("upstream_token"));
			assertThat(audit.lines()).noneMatch(line -> line.contains(allowed) || line.contains(denied)
					|| line.contains(allowed.substring(allowed.lastIndexOf('.') + 1)));
		}
	}

}
