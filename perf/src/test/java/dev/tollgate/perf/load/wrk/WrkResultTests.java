package dev.tollgate.perf.load.wrk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class WrkResultTests {

	static final String LINE = "TOLLGATE_WRK requests=200000 duration_us=20000000 bytes=123456 p50_us=1500 p90_us=2500 "
			+ "p99_us=4200 p999_us=9100 max_us=30000 err_connect=0 err_read=1 err_write=0 err_status=3 err_timeout=2";

	@Test
	void parseWhenScriptLineAmongWrkOutputThenMicrosBecomeMillisAndErrorsAdd() {
		String output = "Running 20s test @ http://127.0.0.1:8080/api/orders\n  2 threads and 32 connections\n" + LINE
				+ "\n";

		WrkResult result = WrkResult.parse(output);

		assertThat(result.requests()).isEqualTo(200_000);
		assertThat(result.seconds()).isEqualTo(20.0);
		assertThat(result.latency().p50()).isCloseTo(1.5, within(1e-9));
		assertThat(result.latency().p90()).isCloseTo(2.5, within(1e-9));
		assertThat(result.latency().p99()).isCloseTo(4.2, within(1e-9));
		assertThat(result.latency().p999()).isCloseTo(9.1, within(1e-9));
		assertThat(result.latency().max()).isCloseTo(30.0, within(1e-9));
		assertThat(result.errors()).isEqualTo(6);
	}

	@Test
	void parseWhenLinesMaxPrintedThenNextRunStartsPastTheBusiestThread() {
		WrkResult result = WrkResult.parse(LINE + " lines_max=100321");

		assertThat(result.linesPerThread()).isEqualTo(100_321);
		assertThat(WrkResult.parse(LINE).linesPerThread()).isEqualTo(200_000);
	}

	@Test
	void parseWhenNoScriptLineThenExplains() {
		assertThatIllegalArgumentException().isThrownBy(() -> WrkResult.parse("unable to connect to 127.0.0.1:1"))
			.withMessageContaining("TOLLGATE_WRK");
	}

	@Test
	void parseWhenFieldMissingThenNamesIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WrkResult.parse(LINE.replace(" p99_us=4200", "")))
			.withMessageContaining("p99_us");
	}

	@Test
	void parseWhenFieldMalformedThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> WrkResult.parse(LINE + " garbage"));
	}

	@Test
	void parseWhenStatusLineThenAnswersCountedByStatus() {
		String output = "TOLLGATE_WRK_STATUS s2xx=900 s429=3 s503=40 s5xx=1 sother=2 timeouts=4 socket=5\n" + LINE + "\n";

		StatusCounts statuses = WrkResult.parse(output).statuses();

		assertThat(statuses).isEqualTo(new StatusCounts(900, 3, 40, 1, 2, 4, 5));
		assertThat(statuses.total()).isEqualTo(955);
	}

	@Test
	void parseWhenNoStatusLineThenNone() {
		assertThat(WrkResult.parse(LINE).statuses()).isEqualTo(StatusCounts.NONE);
	}

}
