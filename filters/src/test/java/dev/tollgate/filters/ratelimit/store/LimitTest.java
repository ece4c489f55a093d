package dev.tollgate.filters.ratelimit.store;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tollgate.filters.ratelimit.store.Limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LimitTest {

	@Test
	void parseWhenCountPerMinuteThenCapacityAndWindow() {
		Limit limit = Limit.parse("100/1m");

		assertThat(limit.capacity()).isEqualTo(100);
		assertThat(limit.window()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void parseWhenAmountOmittedThenOneUnit() {
		assertThat(Limit.parse("20/s")).isEqualTo(new Limit(20, Duration.ofSeconds(1)));
	}

	@Test
	void parseWhenEveryUnitThenWindowsInSeconds() {
		assertThat(Limit.parse("1/30s").windowSeconds()).isEqualTo(30);
		assertThat(Limit.parse("1/2h").windowSeconds()).isEqualTo(7_200);
		assertThat(Limit.parse("5000/1d").windowSeconds()).isEqualTo(86_400);
		assertThat(Limit.parse(" 10 / 5m ").windowSeconds()).isEqualTo(300);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "100", "100/", "/1m", "100/1x", "100/1ms", "-1/1m", "1.5/1m", "100/1m/2", "abc/1m",
			"100 per minute" })
	void parseWhenMalformedThenMessageQuotesInputAndExpectedForm(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Limit.parse(text))
			.withMessageContaining("\"" + text + "\"")
			.withMessageContaining("100/1m");
	}

	@Test
	void parseWhenZeroCountOrWindowThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Limit.parse("0/1m")).withMessageContaining("at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> Limit.parse("10/0s")).withMessageContaining("at least 1");
	}

	@Test
	void perInstanceWhenSharedByInstancesThenDividedButNeverZero() {
		assertThat(Limit.parse("100/1m").perInstance(3).capacity()).isEqualTo(33);
		assertThat(Limit.parse("2/1m").perInstance(5).capacity()).isEqualTo(1);
	}

}
