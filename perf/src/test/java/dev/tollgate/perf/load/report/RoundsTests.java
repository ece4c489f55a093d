package dev.tollgate.perf.load.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoundsTests {

	private final List<Measurement> threeRounds = List.of(
			Measurements.row("bare", 100, 3_000, 30), Measurements.row("tollgate-bearer", 100, 2_000, 40),
			Measurements.row("bare", 100, 2_000, 35), Measurements.row("tollgate-bearer", 100, 1_500, 45),
			Measurements.row("bare", 100, 2_500, 32), Measurements.row("tollgate-bearer", 100, 2_100, 41));

	@Test
	void mediansWhenThreeRoundsThenTheMedianRoundWholeInFirstSeenOrder() {
		List<Measurement> medians = Rounds.medians(this.threeRounds);

		assertThat(medians).extracting(Measurement::system).containsExactly("bare", "tollgate-bearer");
		assertThat(medians.get(0).throughput()).isEqualTo(2_500);
		assertThat(medians.get(0).latency().p99()).isEqualTo(32);
		assertThat(medians.get(1).throughput()).isEqualTo(2_000);
		assertThat(medians.get(1).latency().p99()).isEqualTo(40);
	}

	@Test
	void mediansWhenOneRoundFailedThenMedianOfTheOthers() {
		List<Measurement> medians = Rounds.medians(List.of(Measurements.row("bare", 1, 3_000, 30),
				Measurement.failed("bare", 1, 1, "smoke request answered 503"), Measurements.row("bare", 1, 2_000, 30)));

		assertThat(medians).singleElement().extracting(Measurement::throughput).isEqualTo(2_000.0);
	}

	@Test
	void spreadWhenSeveralRoundsThenEveryRoundAndSameRoundRatioToBare() {
		List<String> notes = Rounds.spread(this.threeRounds);

		assertThat(notes).containsExactly(
				"bare, 100 clients, 3 rounds: req/s 3,000 · 2,000 · 2,500 (the median round is reported)",
				"tollgate-bearer, 100 clients, 3 rounds: req/s 2,000 · 1,500 · 2,100; vs bare in the same round "
						+ "67% · 75% · 84%; p99 − bare's in the same round +10.00 · +10.00 · +9.00 ms "
						+ "(the median round is reported)");
	}

	@Test
	void spreadWhenOneRoundThenNoNotes() {
		assertThat(Rounds.spread(List.of(Measurements.row("bare", 1, 3_000, 30)))).isEmpty();
	}

}
