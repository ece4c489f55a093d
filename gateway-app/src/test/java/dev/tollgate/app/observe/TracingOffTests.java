package dev.tollgate.app.observe;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.app.TollgateApplication;
import dev.tollgate.filters.observe.DecisionSpans;
import dev.tollgate.testkit.EchoUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracing is off by default: with the OpenTelemetry starter on the classpath, no tracer, SDK or exporter is created,
 * the decision has no spans, and the upstream gets no {@code traceparent} from the gateway (a caller's own passes
 * through untouched, as any header).
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TracingOffTests {

	static final EchoUpstream upstream = EchoUpstream.start(0);

	@Autowired
	ApplicationContext context;

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.routes[0].id", () -> "open");
		registry.add("tollgate.routes[0].path[0]", () -> "/open/**");
		registry.add("tollgate.routes[0].upstream", upstream::uri);
		registry.add("tollgate.routes[0].credentials", () -> "");
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	@Test
	void startWhenTracingNotEnabledThenNoTracerNoSdkNoDecisionSpans() {
		assertThat(this.context.getBeanNamesForType(io.micrometer.tracing.Tracer.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(io.opentelemetry.api.OpenTelemetry.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(DecisionSpans.class)).isEmpty();
	}

	/**
	 * The OpenTelemetry starter brings Micrometer's OTLP registry, which Spring Boot 4 switches on by default: every
	 * minute it pushed metrics to {@code localhost:4318} and warned when nothing listened (seen in every load-harness
	 * log). Metrics are scraped from {@code /actuator/prometheus}; OTLP export is the operator's choice.
	 */
	@Test
	void startWhenDefaultsThenNoOtlpMetricsPush() throws ClassNotFoundException {
		Class<?> otlp = Class.forName("io.micrometer.registry.otlp.OtlpMeterRegistry");
		assertThat(this.context.getBeanNamesForType(otlp)).isEmpty();
		assertThat(this.context.getBeanNamesForType(io.micrometer.prometheusmetrics.PrometheusMeterRegistry.class))
			.hasSize(1);
	}

	@Test
	void requestWhenTracingNotEnabledThenUpstreamGetsNoTraceparent() {
		this.client.get().uri("/open/1").exchange().expectStatus().isOk();
		assertThat(upstream.lastHeader("traceparent")).isNull();
	}

}
