package dev.tollgate.app.observe;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.app.TollgateApplication;
import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.OtlpReceiver;
import dev.tollgate.testkit.OtlpReceiver.ReceivedSpan;
import dev.tollgate.testkit.RedisHarness;
import dev.tollgate.testkit.TestAuthorizationServer;
import dev.tollgate.testkit.TestJwts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tollgate.tracing.enabled=true}: spans reach a real OTLP/HTTP receiver ({@link OtlpReceiver}) through Spring
 * Boot's OpenTelemetry SDK and exporter. A caller's W3C trace continues through the gateway's decision span to the
 * upstream's {@code traceparent} (W3C Trace Context §3.2); the dependencies a cold request waits for (JWKS refetch,
 * introspection, token exchange, Redis on a rate-limit miss) get a stage span, and each HTTP call a dependency span, under the
 * decision; the correlation id reaches the upstream.
 * The decision's log line carries the trace id. Spans are flushed through the SDK's {@code forceFlush}, not waited
 * for.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TracingEndToEndTests {

	static final String TOOLS = "https://gw.test/tools";

	static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	static final EchoUpstream upstream = EchoUpstream.start(0);

	static final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();

	static final OtlpReceiver receiver = OtlpReceiver.start();

	@Autowired
	WebTestClient client;

	@Autowired
	SdkTracerProvider tracerProvider;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.tracing.enabled", () -> "true");
		registry.add("management.tracing.sampling.probability", () -> "1.0");
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", receiver::tracesEndpoint);
		registry.add("tollgate.minting.issuer", () -> "https://gw.test");
		registry.add("tollgate.gateway.public-base-url", () -> "https://gw.test");
		registry.add("tollgate.issuers[0].name", () -> "test");
		registry.add("tollgate.issuers[0].issuer-uri", authorizationServer::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", authorizationServer::jwksUri);
		// A token naming an unknown kid may refetch the key set at once (the default waits 30 s after the warm-up).
		registry.add("tollgate.issuers[0].jwks.min-refetch-interval", () -> "1ms");
		registry.add("tollgate.issuers[0].introspection.uri", authorizationServer::introspectionUri);
		registry.add("tollgate.issuers[0].introspection.client-id", () -> "gateway");
		registry.add("tollgate.issuers[0].introspection.client-secret", () -> TestAuthorizationServer.SECRET);
		registry.add("tollgate.sts.corp.token-uri", authorizationServer::tokenUri);
		registry.add("tollgate.sts.corp.client-id", () -> "gateway");
		registry.add("tollgate.sts.corp.client-secret", () -> TestAuthorizationServer.SECRET);
		registry.add("tollgate.routes[0].id", () -> "tools");
		registry.add("tollgate.routes[0].path[0]", () -> "/tools/**");
		registry.add("tollgate.routes[0].upstream", upstream::uri);
		registry.add("tollgate.routes[0].audience", () -> TOOLS);
		registry.add("tollgate.routes[0].scopes[0]", () -> "tools:call");
		registry.add("tollgate.routes[0].upstream-token.exchange", () -> "corp");
		registry.add("tollgate.routes[0].upstream-token.audience", () -> "tools-api");
		registry.add("tollgate.redis.url", () -> RedisHarness.shared().uri());
		registry.add("tollgate.rate-limit.policies.standard.limits[0]", () -> "1000/1m");
		// Only the rate-limit test calls this route: its first request is always a decision taken in Redis.
		registry.add("tollgate.routes[1].id", () -> "limited");
		registry.add("tollgate.routes[1].path[0]", () -> "/limited/**");
		registry.add("tollgate.routes[1].upstream", upstream::uri);
		registry.add("tollgate.routes[1].audience", () -> TOOLS);
		registry.add("tollgate.routes[1].scopes[0]", () -> "tools:call");
		registry.add("tollgate.routes[1].rate-limit", () -> "standard");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		authorizationServer.close();
		receiver.close();
	}

	@BeforeEach
	void clear() {
		flush();
		receiver.clear();
	}

	@Test
	void requestWhenCallerSendsTraceparentThenDecisionSpanAndUpstreamContinueTheTrace() {
		String token = authorizationServer.clientCredentialsToken("agent-rs", TOOLS, "tools:call");
		this.client.get()
			.uri("/tools/1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
			.header("X-Correlation-Id", "trace-test-1")
			.exchange()
			.expectStatus()
			.isOk();
		flush();

		String upstreamTraceparent = upstream.lastHeader("traceparent");
		assertThat(upstreamTraceparent).startsWith("00-" + TRACE_ID + "-").endsWith("-01");
		assertThat(upstream.lastHeader("X-Correlation-Id")).isEqualTo("trace-test-1");
		ReceivedSpan decision = only(receiver.spansNamed("tollgate decision"));
		assertThat(decision.traceId()).isEqualTo(TRACE_ID);
		assertThat(decision.parentSpanId()).isNotEmpty().isNotEqualTo("00f067aa0ba902b7");
		assertThat(decision.attribute("tollgate.route")).isEqualTo("tools");
		assertThat(decision.attribute("tollgate.outcome")).isEqualTo("allowed");
		assertThat(decision.attribute("tollgate.client_id")).isEqualTo("agent-rs");
		assertThat(decision.attribute("tollgate.credential")).isEqualTo("jwt");
		assertThat(decision.service()).isEqualTo("tollgate");
		// The upstream call is not part of the decision: the upstream's parent span is not the decision span.
		assertThat(upstreamTraceparent).doesNotContain(decision.spanId());
	}

	@Test
	void requestWhenTokenExchangeMissesThenStageSpanAndStsCallSpanUnderTheDecision() {
		String token = authorizationServer.clientCredentialsToken("agent-es", TOOLS, "tools:call");
		call(token).expectStatus().isOk();
		flush();

		ReceivedSpan decision = only(receiver.spansNamed("tollgate decision"));
		ReceivedSpan exchange = only(receiver.spansNamed("tollgate upstream-token"));
		assertThat(exchange.traceId()).isEqualTo(decision.traceId());
		assertThat(exchange.parentSpanId()).isEqualTo(decision.spanId());
		assertThat(exchange.attribute("tollgate.stage")).isEqualTo("upstream-token");
		assertThat(exchange.attribute("tollgate.outcome")).isEqualTo("decided");
		ReceivedSpan stsCall = only(receiver.spans()
			.stream()
			.filter((span) -> "/oauth2/token".equals(span.attribute("url.path")))
			.toList());
		assertThat(stsCall.name()).isEqualTo("tollgate POST 127.0.0.1");
		assertThat(stsCall.parentSpanId()).isEqualTo(decision.spanId());
		assertThat(stsCall.attribute("http.response.status_code")).isEqualTo("200");
		// No token, secret or form value on any span.
		assertThat(receiver.spans().toString()).doesNotContain(token).doesNotContain(TestAuthorizationServer.SECRET);
	}

	@Test
	void requestWhenRateLimitDecidedInRedisThenStageSpanForTheWaitUnderTheDecision() {
		// A client's first request on a route takes no lease: its rate-limit decision is a Redis round trip, and with
		// Redis paused for a moment (CLIENT PAUSE) it certainly waits.
		String token = authorizationServer.clientCredentialsToken("agent-rs", TOOLS, "tools:call");
		try (RedisClient redis = RedisClient.create(RedisHarness.shared().uri());
				StatefulRedisConnection<String, String> connection = redis.connect()) {
			connection.sync().clientPause(200);
		}
		this.client.get()
			.uri("/limited/2")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk();
		flush();

		ReceivedSpan decision = only(receiver.spansNamed("tollgate decision"));
		assertThat(receiver.spansNamed("tollgate rate-limit")).singleElement().satisfies((span) -> {
			assertThat(span.parentSpanId()).isEqualTo(decision.spanId());
			assertThat(span.attribute("tollgate.stage")).isEqualTo("rate-limit");
			assertThat(span.attribute("tollgate.outcome")).isEqualTo("decided");
		});
	}

	@Test
	void requestWhenTokenNamesUnknownKeyThenJwksRefetchSpanUnderTheAuthenticateStage() {
		// Signed by a key the authorization server does not publish: the gateway refetches the JWKS in the request,
		// still finds no such kid, and refuses the token (RFC 6750 §3.1 invalid_token).
		String unknownKey = TestJwts.jwt()
			.issuer(authorizationServer.issuerUri())
			.audience(TOOLS)
			.scope("tools:call")
			.keyId("rotated-away")
			.build();
		// The startup fetch of the key set runs in the background with no request: let it finish and leave.
		call(authorizationServer.clientCredentialsToken("agent-rs", TOOLS, "tools:call")).expectStatus().isOk();
		flush();
		receiver.clear();

		call(unknownKey).expectStatus().isUnauthorized();
		flush();

		ReceivedSpan decision = only(receiver.spansNamed("tollgate decision"));
		assertThat(decision.attribute("tollgate.outcome")).isEqualTo("rejected");
		ReceivedSpan authenticate = only(receiver.spansNamed("tollgate authenticate"));
		assertThat(authenticate.parentSpanId()).isEqualTo(decision.spanId());
		ReceivedSpan jwksFetch = only(receiver.spans()
			.stream()
			.filter((span) -> URI.create(authorizationServer.jwksUri()).getPath().equals(span.attribute("url.path")))
			.toList());
		assertThat(jwksFetch.name()).isEqualTo("tollgate GET 127.0.0.1");
		assertThat(jwksFetch.traceId()).isEqualTo(decision.traceId());
		// The fetch runs in the context of the request that started it, under the stage that waited for it.
		assertThat(jwksFetch.parentSpanId()).isEqualTo(authenticate.spanId());
		assertThat(jwksFetch.attribute("http.response.status_code")).isEqualTo("200");
	}

	@Test
	void requestWhenOpaqueTokenIntrospectedThenAuthenticateStageSpanAndIntrospectionCallSpan() {
		String token = authorizationServer.opaqueTokenFor("agent-opaque", TOOLS, "tools:call");
		call(token).expectStatus().isOk();
		flush();

		ReceivedSpan decision = only(receiver.spansNamed("tollgate decision"));
		ReceivedSpan authenticate = only(receiver.spansNamed("tollgate authenticate"));
		assertThat(authenticate.attribute("tollgate.route")).isEqualTo("tools");
		assertThat(authenticate.parentSpanId()).isEqualTo(decision.spanId());
		ReceivedSpan introspection = only(receiver.spans()
			.stream()
			.filter((span) -> "/oauth2/introspect".equals(span.attribute("url.path")))
			.toList());
		assertThat(introspection.parentSpanId()).isEqualTo(decision.spanId());
		assertThat(introspection.attribute("http.request.method")).isEqualTo("POST");
		assertThat(receiver.spans().toString()).doesNotContain(token);
	}

	@Test
	void requestWhenRefusedThenDecisionSpanRecordsTheRefusalAndTheDecisionAndAuditLinesItsTraceId(CapturedOutput output) {
		String otherAudience = authorizationServer.clientCredentialsToken("agent-rs", "https://gw.test/other",
				"tools:call");
		call(otherAudience).expectStatus().isUnauthorized();
		flush();

		ReceivedSpan decision = only(receiver.spansNamed("tollgate decision"));
		assertThat(decision.attribute("tollgate.outcome")).isEqualTo("rejected");
		assertThat(decision.attribute("http.response.status_code")).isEqualTo("401");
		assertThat(decision.attribute("tollgate.client_id")).isNull();
		// The decision line, in whatever format the logging system prints (plain key=value or structured JSON).
		assertThat(output.getOut().lines().filter((line) -> line.contains("wrong_audience")))
			.anySatisfy((line) -> assertThat(line).contains("trace_id").contains(decision.traceId()));
		// The audit event of the same decision carries the same trace id.
		assertThat(output.getOut().lines().filter((line) -> line.contains("tollgate.audit/1")))
			.anySatisfy((line) -> assertThat(line).contains(decision.traceId()));
	}

	private WebTestClient.ResponseSpec call(String token) {
		return this.client.get().uri("/tools/1").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

	private void flush() {
		assertThat(this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
	}

	private static ReceivedSpan only(List<ReceivedSpan> spans) {
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

}
