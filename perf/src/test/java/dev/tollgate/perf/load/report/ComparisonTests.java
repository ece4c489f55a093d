package dev.tollgate.perf.load.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComparisonTests {

	@Test
	void ofWhenReferencesMeasuredThenRatiosAgainstSameClientCount() {
		List<Measurement> rows = List.of(Measurements.row("direct", 100, 20_000, 1.0),
				Measurements.row("bare", 100, 10_000, 2.0), Measurements.row("spring-builtins", 100, 4_000, 6.0),
				Measurements.row("tollgate-bearer", 100, 8_500, 2.6),
				Measurements.row("bare", 1, 50_000, 0.5));

		Comparison tollgate = Comparison.of(rows).get(3);

		assertThat(tollgate.throughputVsBare()).isCloseTo(0.85, within(1e-9));
		assertThat(tollgate.throughputVsDirect()).isCloseTo(0.425, within(1e-9));
		assertThat(tollgate.throughputVsSpring()).isCloseTo(2.125, within(1e-9));
		assertThat(tollgate.p99MinusBareMs()).isCloseTo(0.6, within(1e-9));
	}

	@Test
	void ofWhenReferenceMissingThenRatioIsNaN() {
		Comparison c = Comparison.of(List.of(Measurements.row("tollgate-bearer", 10, 8_000, 2.0))).get(0);

		assertThat(c.throughputVsBare()).isNaN();
		assertThat(c.throughputVsDirect()).isNaN();
		assertThat(c.throughputVsSpring()).isNaN();
		assertThat(c.p99MinusBareMs()).isNaN();
	}

	@Test
	void ofWhenReferenceFailedThenItIsNoReference() {
		List<Measurement> rows = List.of(Measurement.failed("bare", 10, 1, "did not start"),
				Measurements.row("tollgate-bearer", 10, 8_000, 2.0));

		assertThat(Comparison.of(rows).get(1).throughputVsBare()).isNaN();
	}

	@Test
	void ofWhenRowFailedThenNoRatios() {
		List<Measurement> rows = List.of(Measurements.row("bare", 10, 10_000, 2.0),
				Measurement.failed("tollgate-bearer", 10, 1, "smoke request answered 401"));

		Comparison failed = Comparison.of(rows).get(1);

		assertThat(failed.throughputVsBare()).isNaN();
		assertThat(failed.p99MinusBareMs()).isNaN();
	}

	@Test
	void bareWhenComparedWithItselfThenOneAndZero() {
		Comparison bare = Comparison.of(List.of(Measurements.row("bare", 10, 10_000, 2.0))).get(0);

		assertThat(bare.throughputVsBare()).isEqualTo(1.0);
		assertThat(bare.p99MinusBareMs()).isZero();
	}

}
