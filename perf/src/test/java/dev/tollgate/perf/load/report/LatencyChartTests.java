package dev.tollgate.perf.load.report;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyChartTests {

	@Test
	void niceCeilingWhenValueThenNextRoundStep() {
		assertThat(LatencyChart.niceCeiling(0.7)).isEqualTo(1.0);
		assertThat(LatencyChart.niceCeiling(3.2)).isEqualTo(5.0);
		assertThat(LatencyChart.niceCeiling(12)).isEqualTo(20.0);
		assertThat(LatencyChart.niceCeiling(21)).isEqualTo(25.0);
		assertThat(LatencyChart.niceCeiling(0)).isEqualTo(1.0);
	}

	@Test
	void drawWhenThreeClientCountsThenOnePanelEach() {
		System.setProperty("java.awt.headless", "true");
		List<Measurement> rows = List.of(Measurements.row("bare", 1, 10_000, 2.0),
				Measurements.row("bare", 100, 10_000, 2.0), Measurements.row("bare", 10_000, 10_000, 2.0),
				Measurement.failed("spring-builtins", 1, 1, "did not start"));

		BufferedImage image = LatencyChart.draw("test", rows);

		assertThat(image.getHeight()).isEqualTo(50 + 3 * 360 + 10);
		assertThat(image.getWidth()).isEqualTo(1200);
	}

}
