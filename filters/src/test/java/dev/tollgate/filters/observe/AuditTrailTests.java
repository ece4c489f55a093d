package dev.tollgate.filters.observe;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.PolicyOutcome;
import dev.tollgate.filters.core.TollgateAttributes;
import dev.tollgate.testkit.AuditCapture;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTests {

	private final AuditTrail audit = new AuditTrail(Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"),
			ZoneOffset.UTC));

	private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
		MockServerWebExchange exchange = MockServerWebExchange.from(request.build());
		exchange.getAttributes().put(TollgateAttributes.CALLER_IDENTITY, new CallerIdentity("billing-bot",
				"billing-bot", Set.of("invoices:read"), CredentialKind.API_KEY, null, null, "7Hq2mZkP0aLx"));
		return exchange;
	}

	@Test
	void decisionWhenApiKeyCallerRefusedThenEventCarriesKeyIdButNeverTheKey() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/invoices/1")
			.header("X-API-Key", "tg_live_secretsecretsecret"));
		exchange.getAttributes().put(PolicyOutcome.ATTRIBUTE, new PolicyOutcome("read-only", "enforce", "deny", "false"));
		try (AuditCapture capture = AuditCapture.start("logstash")) {
			this.audit.decision(exchange, "invoices", "policy", "rejected", "policy_denied", 403);
			assertThat(capture.events()).singleElement().satisfies(event -> assertThat(event)
				.containsEntry("schema", "tollgate.audit/1")
				.containsEntry("time", "2026-12-07T10:00:00Z")
				.containsEntry("credential", "api-key")
				.containsEntry("key_id", "7Hq2mZkP0aLx")
				.containsEntry("scopes", "invoices:read")
				.containsEntry("policy", "read-only")
				.containsEntry("policy_result", "deny")
				.containsEntry("status", 403)
				.doesNotContainKeys("issuer", "trace_id", "latency_us"));
			assertThat(capture.lines()).noneMatch(line -> line.contains("secretsecret"));
		}
	}

	@Test
	void decisionWhenCalledTwiceForOneRequestThenOneEvent() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/invoices/1"));
		try (AuditCapture capture = AuditCapture.start()) {
			this.audit.decision(exchange, "invoices", "rate-limit", "rejected", "rate_limited", 429);
			this.audit.decision(exchange, "invoices", "upstream-token", "allowed", "forwarded", 0);
			assertThat(capture.events()).singleElement().satisfies(event -> assertThat(event)
				.containsEntry("reason", "rate_limited"));
		}
	}

	@Test
	void decisionWhenTraceparentMalformedOrAllZeroThenNoTraceId() {
		for (String traceparent : new String[] { "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
				"zz-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-4BF92F35-x-01" }) {
			try (AuditCapture capture = AuditCapture.start()) {
				this.audit.decision(exchange(MockServerHttpRequest.get("/").header("traceparent", traceparent)), "r",
						"authorize", "allowed", "forwarded", 0);
				assertThat(capture.events()).singleElement()
					.satisfies(event -> assertThat(event).doesNotContainKey("trace_id"));
			}
		}
	}

	@Test
	void decisionWhenPathCarriesControlCharactersThenEscaped() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.method(HttpMethod.GET, URI.create("/x%0D%0Aevent=forged")));
		try (AuditCapture capture = AuditCapture.start()) {
			this.audit.decision(exchange, "r", "authenticate", "rejected", "invalid_token", 401);
			assertThat(capture.lines()).singleElement().asString().doesNotContain("\r").doesNotContain("\n");
			assertThat(capture.events().get(0)).containsEntry("event", "decision").extractingByKey("path")
				.isEqualTo("/x%0D%0Aevent=forged");
		}
	}

	@Test
	void decisionWhenNoCallerThenCallerFieldsLeftOut() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/orders").build());
		try (AuditCapture capture = AuditCapture.start()) {
			this.audit.decision(exchange, "orders", "authenticate", "rejected", "missing_credential", 401);
			assertThat(capture.events()).singleElement()
				.satisfies(event -> assertThat(event).doesNotContainKeys("client_id", "credential", "key_id")
					.containsEntry("correlation_id", exchange.getResponse().getHeaders().getFirst("X-Correlation-Id")));
		}
	}

}
