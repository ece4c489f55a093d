package dev.tollgate.perf.load.report;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReportTests {

	static final RunInfo INFO = new RunInfo("2026-11-29T00:00:00Z", "abc123", false,
			Map.of("cpus", 2, "cpuModel", "test cpu"), Map.of("concurrency", 32, "duration", "20s"),
			Map.of("bare", "Spring Cloud Gateway, no filters"), List.of("exchange not built"));

	@Test
	void renderWhenRowsThenResultsCarryLatencyCpuAndRatios() {
		List<Comparison> rows = Comparison.of(List.of(Measurements.row("bare", 100, 10_000, 2.0),
				Measurements.row("tollgate-bearer", 100, 9_000, 2.5)));

		JsonNode doc = JsonMapper.builder().build().readTree(JsonReport.render(INFO, rows));

		assertThat(doc.get("schema").asInt()).isEqualTo(JsonReport.SCHEMA_VERSION);
		assertThat(doc.get("git").get("commit").asString()).isEqualTo("abc123");
		assertThat(doc.get("machine").get("cpus").asInt()).isEqualTo(2);
		assertThat(doc.get("notes").get(0).asString()).isEqualTo("exchange not built");
		JsonNode tollgate = doc.get("results").get(1);
		assertThat(tollgate.get("system").asString()).isEqualTo("tollgate-bearer");
		assertThat(tollgate.get("throughput").asDouble()).isEqualTo(9000.0);
		assertThat(tollgate.get("latencyMs").get("p99").asDouble()).isEqualTo(2.5);
		assertThat(tollgate.get("latencyMs").get("p99_9").asDouble()).isEqualTo(5.0);
		assertThat(tollgate.get("cpu").get("gatewaySecondsPer1k").asDouble()).isEqualTo(0.2);
		assertThat(tollgate.get("ratios").get("throughputVsBare").asDouble()).isEqualTo(0.9);
		assertThat(tollgate.get("ratios").get("p99MinusBareMs").asDouble()).isEqualTo(0.5);
	}

	@Test
	void renderWhenRatioHasNoReferenceThenNullNotNaN() {
		List<Comparison> rows = Comparison.of(List.of(Measurements.row("tollgate-bearer", 1, 9_000, 2.5)));

		String json = JsonReport.render(INFO, rows);
		JsonNode ratios = JsonMapper.builder().build().readTree(json).get("results").get(0).get("ratios");

		assertThat(json).doesNotContain("NaN");
		assertThat(ratios.get("throughputVsDirect").isNull()).isTrue();
	}

	@Test
	void renderWhenSystemFailedThenFailureAndNoNumbers() {
		List<Comparison> rows = Comparison.of(List.of(Measurement.failed("spring-builtins", 1, 1, "did not start")));

		JsonNode result = JsonMapper.builder().build().readTree(JsonReport.render(INFO, rows)).get("results").get(0);

		assertThat(result.get("ok").asBoolean()).isFalse();
		assertThat(result.get("failure").asString()).isEqualTo("did not start");
		assertThat(result.has("throughput")).isFalse();
	}

	@Test
	void roundWhenNotFiniteThenNull() {
		assertThat(JsonReport.round(Double.NaN, 2)).isNull();
		assertThat(JsonReport.round(Double.POSITIVE_INFINITY, 2)).isNull();
		assertThat(JsonReport.round(1.23456, 2)).isEqualTo(1.23);
	}

}
