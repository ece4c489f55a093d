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

}
