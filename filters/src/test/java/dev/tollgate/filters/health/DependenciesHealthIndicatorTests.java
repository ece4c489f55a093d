package dev.tollgate.filters.health;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.tollgate.filters.observe.DependencyCalls;
import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class DependenciesHealthIndicatorTests {

	private final MutableClock clock = MutableClock.at("2026-12-07T10:00:00Z");

	private final DependencyCalls calls = new DependencyCalls(this.clock);

	private final DependenciesHealthIndicator indicator = new DependenciesHealthIndicator(this.calls);

	@Test
	void healthWhenNothingCalledYetThenUpWithoutDetails() {
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.indicator.health().getDetails()).isEmpty();
	}

	@Test
	void healthWhenLastCallOfOneDependencyFailedThenDownNamingItWithLastSuccessAndReason() {
		this.calls.succeeded("introspection:corp");
		this.calls.succeeded("sts:orders");
		this.clock.advance(Duration.ofMinutes(1));
		this.calls.failed("sts:orders", "failed");
		this.calls.failed("sts:orders", "failed");

		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(detail(health, "introspection:corp")).containsEntry("status", "UP");
		assertThat(detail(health, "sts:orders")).containsEntry("status", "DOWN")
			.containsEntry("failuresInARow", 2L)
			.containsEntry("lastFailureReason", "failed")
			.containsEntry("lastSuccess", "2026-12-07T10:00:00Z")
			.containsEntry("lastFailure", "2026-12-07T10:01:00Z");
	}

	@Test
	void healthWhenFailingDependencyAnswersAgainThenUpAndItsLastFailureKept() {
		this.calls.failed("introspection:corp", "timeout");
		this.clock.advance(Duration.ofSeconds(5));
		this.calls.succeeded("introspection:corp");

		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(detail(health, "introspection:corp")).containsEntry("failuresInARow", 0L)
			.containsEntry("lastFailureReason", "timeout");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> detail(Health health, String name) {
		return (Map<String, Object>) health.getDetails().get(name);
	}

}
