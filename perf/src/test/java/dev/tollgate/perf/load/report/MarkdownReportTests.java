package dev.tollgate.perf.load.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTests {

	@Test
	void renderWhenTwoClientCountsThenOneTablePerCountInAscendingOrder() {
		List<Comparison> rows = Comparison.of(List.of(Measurements.row("bare", 100, 10_000, 2.0),
				Measurements.row("bare", 1, 12_000, 1.0), Measurements.row("tollgate-bearer", 100, 8_500, 2.6)));

		String md = MarkdownReport.render(JsonReportTests.INFO, rows);

		assertThat(md.indexOf("#### 1 client\n")).isPositive().isLessThan(md.indexOf("#### 100 clients"));
		assertThat(md).contains("| tollgate-bearer | 1 | 8,500 | 1.30 | 2.60 | 5.20 | 0.200 | 0.006 | 0 | 85% | – | – | +0.60 |");
		assertThat(md).contains("- exchange not built");
	}

	@Test
	void rowWhenFailedThenSaysWhyWithoutBreakingTheTable() {
		String row = MarkdownReport.row(new Comparison(Measurement.failed("spring-builtins", 1, 1, "a | b"), Double.NaN,
				Double.NaN, Double.NaN, Double.NaN));

		assertThat(row).startsWith("| spring-builtins | 1 | not measured: a / b |");
		assertThat(row.chars().filter(c -> c == '|').count()).isEqualTo(14);
	}

	@Test
	void formattersWhenNaNThenDash() {
		assertThat(MarkdownReport.num(Double.NaN, 2)).isEqualTo("–");
		assertThat(MarkdownReport.percent(0.834)).isEqualTo("83%");
		assertThat(MarkdownReport.times(1.5)).isEqualTo("1.50×");
		assertThat(MarkdownReport.signed(-0.25)).isEqualTo("-0.25");
	}

}
