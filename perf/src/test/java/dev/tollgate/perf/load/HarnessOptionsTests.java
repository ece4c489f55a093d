package dev.tollgate.perf.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HarnessOptionsTests {

	@Test
	void parseWhenNoArgumentsThenDocumentedDefaults() {
		HarnessOptions o = HarnessOptions.parse();

		assertThat(o.duration()).isEqualTo(Duration.ofSeconds(20));
		assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(10));
		assertThat(o.concurrency()).isEqualTo(32);
		assertThat(o.clients()).containsExactly(1, 100, 10_000);
		assertThat(o.systems()).isEmpty();
		assertThat(o.resultsDir()).isEqualTo(Path.of("perf/results"));
		assertThat(o.jvmOptions()).containsExactly("-Xms1g", "-Xmx1g");
		assertThat(o.jfr()).isFalse();
		assertThat(o.rounds()).isEqualTo(1);
	}

	@Test
	void parseWhenRoundsThenEverySystemRunsThatOftenAndZeroIsRejected() {
		assertThat(HarnessOptions.parse("--rounds", "3").rounds()).isEqualTo(3);
		assertThatIllegalArgumentException().isThrownBy(() -> HarnessOptions.parse("--rounds", "0"))
			.withMessageContaining("--rounds must be at least 1");
	}

	@Test
	void parseWhenPinThenGatewayCommandRunsOnItsCpusAndBadListsAreRejected() {
		HarnessOptions o = HarnessOptions.parse("--pin", "0/1");

		assertThat(o.pinning().gatewayCommand(java.util.List.of("java", "-jar", "g.jar")))
			.endsWith("-c", "0", "java", "-jar", "g.jar");
		assertThat(HarnessOptions.parse().pinning()).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> HarnessOptions.parse("--pin", "0"))
			.withMessageContaining("GATEWAY_CPUS/OTHER_CPUS");
		assertThatIllegalArgumentException().isThrownBy(() -> HarnessOptions.parse("--pin", "0/1;rm"))
			.withMessageContaining("GATEWAY_CPUS/OTHER_CPUS");
	}

	@Test
	void parseWhenBothOptionStylesThenValuesApply() {
		HarnessOptions o = HarnessOptions.parse("--duration=2m", "--warmup", "500ms", "--concurrency", "8",
				"--clients", "1,10_000", "--systems", "bare, tollgate-bearer", "--jfr", "--jvm-opts",
				"-Xmx2g -XX:+UseParallelGC");

		assertThat(o.duration()).isEqualTo(Duration.ofMinutes(2));
		assertThat(o.warmup()).isEqualTo(Duration.ofMillis(500));
		assertThat(o.concurrency()).isEqualTo(8);
		assertThat(o.clients()).containsExactly(1, 10_000);
		assertThat(o.systems()).isEqualTo(List.of("bare", "tollgate-bearer"));
		assertThat(o.jfr()).isTrue();
		assertThat(o.jvmOptions()).containsExactly("-Xmx2g", "-XX:+UseParallelGC");
	}

	@Test
	void parseWhenUnknownOptionThenUsage() {
		assertThatIllegalArgumentException().isThrownBy(() -> HarnessOptions.parse("--target", "example.com"))
			.withMessageContaining("unknown option --target")
			.withMessageContaining("usage:");
	}

	@Test
	void parseWhenMalformedDurationThenExplains() {
		assertThatIllegalArgumentException().isThrownBy(() -> HarnessOptions.parse("--duration", "soon"))
			.withMessageContaining("malformed duration 'soon'");
	}

	@Test
	void parseWhenZeroClientsThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> HarnessOptions.parse("--clients", "0"));
	}

}
