package dev.tollgate.filters.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TracingSwitchTests {

	static final String[] CANDIDATES = {
			"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
			"org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
			"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
			"dev.tollgate.filters.autoconfigure.PipelineAutoConfiguration", null };

	@Test
	void matchWhenTracingNotEnabledThenOnlyTracingAndOpenTelemetryAutoConfigurationsDropped() {
		assertThat(switchWith(null).match(CANDIDATES, null)).containsExactly(false, false, false, true, true, true);
		assertThat(switchWith("false").match(CANDIDATES, null)).containsExactly(false, false, false, true, true, true);
	}

	@Test
	void matchWhenTracingEnabledThenEveryAutoConfigurationKept() {
		assertThat(switchWith("true").match(CANDIDATES, null)).containsExactly(true, true, true, true, true, true);
	}

	private static TracingSwitch switchWith(String enabled) {
		MockEnvironment environment = new MockEnvironment();
		if (enabled != null) {
			environment.setProperty("tollgate.tracing.enabled", enabled);
		}
		TracingSwitch tracingSwitch = new TracingSwitch();
		tracingSwitch.setEnvironment(environment);
		return tracingSwitch;
	}

}
