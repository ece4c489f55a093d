package dev.tollgate.logs;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class LogSummaryTests {

	private final MutableClock clock = MutableClock.startingNow();

	private final Logger logger = (Logger) LoggerFactory.getLogger("tollgate.test.summary");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final LogSummary summary = new LogSummary(this.logger, "edge_rejected", Duration.ofMinutes(1), this.clock);

	@BeforeEach
	void attach() {
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void detach() {
		this.logger.detachAppender(this.appender);
	}

	@Test
	void recordWhenFloodThenFirstInFullAndOneSummaryPerIntervalWithCountsPerReason() {
		for (int i = 0; i < 1000; i++) {
			this.summary.record((i % 4 == 0) ? "invalid_header" : "non_normalized_path",
					(line) -> line.addKeyValue("path", "/x"));
		}
		assertThat(this.appender.list).hasSize(1);
		assertThat(kv(this.appender.list.get(0), "reason")).isEqualTo("invalid_header");
		assertThat(kv(this.appender.list.get(0), "path")).isEqualTo("/x");

		this.clock.advance(Duration.ofSeconds(59));
		this.summary.record("invalid_header", (line) -> { });
		assertThat(this.appender.list).hasSize(1);

		this.clock.advance(Duration.ofSeconds(1));
		this.summary.record("invalid_header", (line) -> { });
		assertThat(this.appender.list).hasSize(2);
		assertThat(kv(this.appender.list.get(1), "count")).isEqualTo("1001");
		assertThat(kv(this.appender.list.get(1), "reasons")).isEqualTo("invalid_header=251 non_normalized_path=750");
	}

	@Test
	void flushWhenIntervalEndedWithoutFurtherEventThenSummaryWritten() {
		this.summary.record("a", (line) -> { });
		this.summary.record("a", (line) -> { });
		this.summary.flush();
		assertThat(this.appender.list).hasSize(1);
		this.clock.advance(Duration.ofMinutes(1));
		this.summary.flush();
		assertThat(this.appender.list).hasSize(2);
		assertThat(kv(this.appender.list.get(1), "count")).isEqualTo("1");
		this.clock.advance(Duration.ofMinutes(1));
		this.summary.flush();
		assertThat(this.appender.list).as("nothing new, no line").hasSize(2);
	}

	@Test
	void recordWhenQuietForAnIntervalThenNextEventLoggedInFullAgain() {
		this.summary.record("a", (line) -> { });
		this.clock.advance(Duration.ofMinutes(2));
		this.summary.record("b", (line) -> line.addKeyValue("path", "/y"));
		assertThat(this.appender.list).hasSize(2);
		assertThat(kv(this.appender.list.get(1), "reason")).isEqualTo("b");
	}

	private static String kv(ILoggingEvent event, String key) {
		List<org.slf4j.event.KeyValuePair> pairs = event.getKeyValuePairs();
		return pairs.stream().filter((p) -> p.key.equals(key)).map((p) -> String.valueOf(p.value)).findFirst().orElse(null);
	}

}
