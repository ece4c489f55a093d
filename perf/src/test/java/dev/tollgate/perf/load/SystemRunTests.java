package dev.tollgate.perf.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SystemRunTests {

	@Test
	void settledWhenCompilerTookLittleOfTheRoundThenTrue() {
		assertThat(SystemRun.settled(0.3, 20.0)).isTrue();
		assertThat(SystemRun.settled(0.0, 20.0)).isTrue();
	}

	@Test
	void settledWhenCompilerTookAQuarterOfTheRoundThenFalse() {
		assertThat(SystemRun.settled(5.0, 20.0)).isFalse();
	}

	@Test
	void settledWhenCpuUnreadableThenTrueSoWarmUpEnds() {
		assertThat(SystemRun.settled(Double.NaN, 20.0)).isTrue();
		assertThat(SystemRun.settled(1.0, Double.NaN)).isTrue();
	}

}
