package dev.tollgate.perf.load.soak;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayMemoryTests {

	@Test
	void vmRssKbWhenProcStatusThenTheResidentSetLine() {
		String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmRSS:\t  734512 kB\nRssAnon:\t  600000 kB\n";

		assertThat(GatewayMemory.vmRssKb(status)).isEqualTo(734_512);
	}

	@Test
	void heapAfterGcWhenUnifiedGcLogThenTheHeapLeftAfterEachPause() {
		List<String> log = List.of("[0.041s][info][gc] Using G1",
				"[53.915s][info][gc] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 282M->28M(512M) 63.103ms",
				"[21.957s][info][gc] GC(11) Pause Remark 29M->29M(512M) 11.667ms");

		assertThat(GatewayMemory.heapAfterGc(log)).containsExactly(28, 29);
	}

	@Test
	void metricValueWhenActuatorMetricThenTheFirstMeasurement() {
		String json = """
				{"name":"jvm.memory.used","baseUnit":"bytes","measurements":[{"statistic":"VALUE","value":1.2345678E8}],
				 "availableTags":[{"tag":"id","values":["G1 Eden Space"]}]}""";

		assertThat(GatewayMemory.metricValue(json)).isEqualTo(1.2345678E8);
	}

	@Test
	void timestampWhenGatewayLogLineThenItsInstant() {
		String line = "2026-12-07T12:53:37.283Z  WARN [lettuce-eventExecutorLoop-3-1] dev.tollgate.redis.RedisStatus : "
				+ "Redis unreachable";

		assertThat(RedisRestarts.timestamp(line)).isEqualTo(Instant.parse("2026-12-07T12:53:37.283Z"));
		assertThat(RedisRestarts.timestamp("\tat io.lettuce.core...")).isNull();
	}

}
