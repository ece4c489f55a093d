package dev.tollgate.perf.load.soak;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.perf.load.wrk.StatusCounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SoakFiguresTests {

	@Test
	void slopeWhenPointsOnALineThenItsGradient() {
		assertThat(SoakFigures.slope(List.of(new double[] { 0, 10 }, new double[] { 60, 13 }, new double[] { 120, 16 })))
			.isCloseTo(0.05, within(1e-12));
	}

	@Test
	void slopeWhenOnePointThenNaN() {
		assertThat(SoakFigures.slope(List.<double[]>of(new double[] { 0, 10 }))).isNaN();
	}

	@Test
	void ofWhenRssGrowsOneMbPerMinuteLateThenSlopeOverTheLastTwentyMinutesIsTenPerTenMinutes() {
		// 30 min sampled every 30 s: flat at 700 MB for the first 10 minutes (start-up), then +1 MB per minute.
		List<SoakSample> samples = new ArrayList<>();
		for (int i = 1; i <= 60; i++) {
			double t = i * 30;
			double rss = (t <= 600) ? 700 : 700 + (t - 600) / 60;
			samples.add(sample(i, t, StatusCounts.NONE, 200, List.of(30), rss));
		}

		SoakFigures f = SoakFigures.of(samples, List.of());

		assertThat(f.rssFirstMb()).isEqualTo(700);
		assertThat(f.rssLastMb()).isEqualTo(720);
		assertThat(f.rssSlopeMbPer10Min()).isCloseTo(10, within(1e-9));
		assertThat(f.heapAfterGcSlopeMbPer10Min()).isCloseTo(0, within(1e-9));
	}

	@Test
	void ofWhen503sInAndOutsideAnOutageThenOnlyThoseOutsideAreNotPolicy() {
		StatusCounts outage = new StatusCounts(10, 0, 500, 0, 0, 0, 0);
		StatusCounts stray = new StatusCounts(900, 0, 2, 1, 0, 3, 0);
		List<SoakSample> samples = List.of(sample(1, 30, stray, 100, List.of(), 700),
				sample(2, 60, outage, 150, List.of(28), 700), sample(3, 90, StatusCounts.NONE, 120, List.of(), 700));
		// Redis stopped at 35 s, both kinds of caller answered again at 58 s: only interval 2 overlaps.
		RedisRestart restart = new RedisRestart(1, 35, 55, 36, 57.9, 58, 58.1, true);

		SoakFigures f = SoakFigures.of(samples, List.of(restart));

		assertThat(f.unavailableInOutages()).isEqualTo(1000);
		assertThat(f.unavailableOutsideOutages()).isEqualTo(4);
		assertThat(f.nonPolicyFailures()).isEqualTo(4 + 2 + 6);
		assertThat(f.restartsRecovered()).isEqualTo(1);
	}

	@Test
	void lowPointsWhenSawtoothThenTheLocalMinima() {
		assertThat(SoakFigures.lowPoints(List.of(120.0, 250.0, 80.0, 200.0, 310.0, 90.0, 150.0)))
			.containsExactly(120.0, 80.0, 90.0);
	}

	@Test
	void recoveredWhenAProbeNeverGotA2xxThenNot() {
		assertThat(new RedisRestart(1, 35, 55, 36, 57, 58, Double.NaN, true).recovered()).isFalse();
		assertThat(new RedisRestart(1, 35, 55, 36, 57, 58, 59, false).recovered()).isFalse();
	}

	private static SoakSample sample(int index, double to, StatusCounts each, double heap, List<Integer> afterGc,
			double rss) {
		return new SoakSample(index, to - 30, to, each, each, 5, 5, heap, afterGc, rss, 1.0);
	}

}
