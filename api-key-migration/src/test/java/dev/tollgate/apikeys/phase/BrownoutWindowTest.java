package dev.tollgate.apikeys.phase;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BrownoutWindowTest {

	@Test
	void containsWhenDailyWindowThenEveryDayStartInclusiveEndExclusive() {
		BrownoutWindow w = BrownoutWindow.parse("14:00/15m");
		assertThat(w.contains(Instant.parse("2026-03-01T13:59:59Z"))).isFalse();
		assertThat(w.contains(Instant.parse("2026-03-01T14:00:00Z"))).isTrue();
		assertThat(w.contains(Instant.parse("2026-03-09T14:14:59Z"))).isTrue();
		assertThat(w.contains(Instant.parse("2026-03-09T14:15:00Z"))).isFalse();
	}

	@Test
	void containsWhenDailyWindowCrossesMidnightThenBothSides() {
		BrownoutWindow w = BrownoutWindow.parse("23:50/PT20M");
		assertThat(w.contains(Instant.parse("2026-03-01T23:55:00Z"))).isTrue();
		assertThat(w.contains(Instant.parse("2026-03-02T00:09:00Z"))).isTrue();
		assertThat(w.contains(Instant.parse("2026-03-02T00:10:00Z"))).isFalse();
	}

	@Test
	void containsWhenOnceThenOnlyThatPeriod() {
		BrownoutWindow w = BrownoutWindow.parse("2026-06-01T14:00:00Z/1h");
		assertThat(w.contains(Instant.parse("2026-06-01T14:30:00Z"))).isTrue();
		assertThat(w.contains(Instant.parse("2026-06-02T14:30:00Z"))).isFalse();
		assertThat(w.contains(Instant.parse("2026-06-01T15:00:00Z"))).isFalse();
	}

	@Test
	void parseWhenMalformedThenPreciseError() {
		assertThatIllegalArgumentException().isThrownBy(() -> BrownoutWindow.parse("14:00"))
			.withMessageContaining("HH:mm/duration");
		assertThatIllegalArgumentException().isThrownBy(() -> BrownoutWindow.parse("25:00/15m"))
			.withMessageContaining("25:00");
		assertThatIllegalArgumentException().isThrownBy(() -> BrownoutWindow.parse("14:00/soon"))
			.withMessageContaining("soon");
		assertThatIllegalArgumentException().isThrownBy(() -> BrownoutWindow.parse("14:00/24h"))
			.withMessageContaining("24h");
	}

	@Test
	void routePolicyParseWhenConfigurationStringsThenPolicy() {
		RoutePhasePolicy policy = RoutePhasePolicy.parse("brownout", "2027-03-31T00:00:00Z",
				java.util.List.of("2027-01-15T10:00:00Z/PT1H", "14:00/15m"));
		assertThat(policy.phase()).isEqualTo(Phase.BROWNOUT);
		assertThat(policy.sunset()).isEqualTo(Instant.parse("2027-03-31T00:00:00Z"));
		assertThat(policy.brownoutWindows()).hasSize(2);
		assertThatIllegalArgumentException().isThrownBy(() -> RoutePhasePolicy.parse("warn", "soon", null))
			.withMessageContaining("soon");
		assertThatIllegalArgumentException().isThrownBy(() -> RoutePhasePolicy.parse("deprecated", null, null))
			.withMessageContaining("deprecated");
	}

}
