package dev.tollgate.perf.load.report;

import org.junit.jupiter.api.Test;

import dev.tollgate.perf.load.report.Measurement.Latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MeasurementTests {

	@Test
	void cpuPer1kWhenCpuMeasuredThenSecondsPerThousandRequests() {
		Measurement m = new Measurement("bare", 1, 1, 200_000, 20, Latency.ofMicros(1000, 2000, 3000, 4000, 5000), 0,
				30.0, 10.0, Double.NaN, null);

		assertThat(m.throughput()).isEqualTo(10_000.0);
		assertThat(m.gatewayCpuPer1k()).isCloseTo(0.15, within(1e-12));
		assertThat(m.upstreamCpuPer1k()).isCloseTo(0.05, within(1e-12));
		assertThat(m.redisCpuPer1k()).isNaN();
		assertThat(m.latency().p99()).isEqualTo(3.0);
	}

	@Test
	void errorRateWhenSomeFailedThenFraction() {
		Measurement m = new Measurement("bare", 1, 1, 1_000, 1, Latency.NONE, 25, 1, 1, 1, null);

		assertThat(m.errorRate()).isEqualTo(0.025);
	}

	@Test
	void failedWhenCreatedThenNotOkAndNoThroughput() {
		Measurement m = Measurement.failed("tollgate-apikey", 100, 1, "no API_KEY credentials in this build");

		assertThat(m.ok()).isFalse();
		assertThat(m.throughput()).isZero();
		assertThat(m.gatewayCpuPer1k()).isNaN();
	}

}
