package dev.tollgate.perf.load.soak;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SoakOptionsTests {

	@Test
	void parseWhenNoArgumentsThenThirtyMinutesWithRestartsEveryFiveMinutes() {
		SoakOptions o = SoakOptions.parse();

		assertThat(o.duration()).isEqualTo(Duration.ofMinutes(30));
		assertThat(o.redisRestartEvery()).isEqualTo(Duration.ofMinutes(5));
		assertThat(o.redisDownFor()).isEqualTo(Duration.ofSeconds(20));
		assertThat(o.sampleEvery()).isEqualTo(Duration.ofSeconds(30));
		assertThat(o.rate()).isEqualTo(50);
		assertThat(o.concurrency()).isEqualTo(2);
		assertThat(o.onStoreFailure()).isEqualTo("deny");
		assertThat(o.jvmOptions()).containsExactly("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch");
		// 30 min: restarts at 5, 10, 15, 20 and 25 min; one at 30 min would leave no time to recover.
		assertThat(o.restartTimes()).extracting(Duration::toMinutes).containsExactly(5L, 10L, 15L, 20L, 25L);
	}

	@Test
	void parseWhenBothOptionStylesThenValuesApply() {
		SoakOptions o = SoakOptions.parse("--duration=5m", "--redis-restart-every", "90s", "--redis-down-for", "10s",
				"--rate", "20", "--concurrency=4", "--sample-every", "10s", "--on-store-failure", "local");

		assertThat(o.duration()).isEqualTo(Duration.ofMinutes(5));
		assertThat(o.rate()).isEqualTo(20);
		assertThat(o.concurrency()).isEqualTo(4);
		assertThat(o.onStoreFailure()).isEqualTo("local");
		assertThat(o.restartTimes()).containsExactly(Duration.ofSeconds(90), Duration.ofSeconds(180));
	}

	@Test
	void parseWhenDownLongerThanTheRestartPeriodThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--redis-down-for", "5m"))
			.withMessageContaining("--redis-down-for must be shorter than --redis-restart-every");
	}

	@Test
	void parseWhenUnknownPolicyOrOptionThenRefusedWithUsage() {
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--on-store-failure", "open"))
			.withMessageContaining("deny, local or allow");
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--warmup", "10s"))
			.withMessageContaining("unknown option --warmup")
			.withMessageContaining("usage: SoakRun");
	}

	@Test
	void parseWhenSampleLongerThanTheRunThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SoakOptions.parse("--duration", "20s", "--sample-every", "30s", "--redis-restart-every",
					"10s", "--redis-down-for", "1s"))
			.withMessageContaining("--sample-every");
	}

}
