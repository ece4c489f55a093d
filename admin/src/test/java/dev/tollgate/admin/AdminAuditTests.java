package dev.tollgate.admin;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.tollgate.logs.LogText;
import dev.tollgate.testkit.AuditCapture;

import static org.assertj.core.api.Assertions.assertThat;

class AdminAuditTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MutableClock clock = new MutableClock();

	private final AdminAudit audit = new AdminAudit(this.registry, this.clock);

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	@BeforeEach
	void capture() {
		this.lines.start();
		((Logger) LoggerFactory.getLogger(AdminAudit.LOGGER)).addAppender(this.lines);
	}

	@AfterEach
	void release() {
		((Logger) LoggerFactory.getLogger(AdminAudit.LOGGER)).detachAppender(this.lines);
	}

	@Test
	void actionWhenWrittenThenSameTrailAndSchemaAsRequestDecisionsAsStructuredJson() {
		try (AuditCapture capture = AuditCapture.start()) {
			this.audit.action(new AdminRequest("admin-token:00000000", "127.0.0.1", "c-7"), "revoke", "7Hq2mZkP0aLx",
					null, null, 200);
			assertThat(capture.events()).singleElement().satisfies(event -> assertThat(event)
				.containsEntry("schema", "tollgate.audit/1")
				.containsEntry("event", "admin_action")
				.containsEntry("action", "revoke")
				.containsEntry("outcome", "success")
				.containsEntry("key_id", "7Hq2mZkP0aLx")
				.containsEntry("correlation_id", "c-7")
				.containsKey("time"));
		}
	}

	@Test
	void refusedWhenBurstThenOneLinePerIntervalCountingEveryRefusal() {
		for (int i = 0; i < 500; i++) {
			this.audit.refused(exchange("/actuator/apikeys"), "missing");
		}
		this.clock.advance(AdminAudit.REFUSAL_SUMMARY_INTERVAL);
		this.audit.refused(exchange("/actuator/prometheus"), "invalid");

		List<ILoggingEvent> refused = this.lines.list;
		assertThat(refused).hasSize(2);
		assertThat(kv(refused.get(0), "event")).isEqualTo("admin_refused");
		assertThat(kv(refused.get(0), "count")).isEqualTo("1");
		assertThat(kv(refused.get(1), "count")).isEqualTo("500");
		assertThat(kv(refused.get(1), "reason")).isEqualTo("invalid");
		assertThat(this.registry.counter("tollgate.admin.refused", "reason", "missing").count()).isEqualTo(500);
	}

	@Test
	void refusedWhenPathCarriesControlCharactersThenEscapedInOneField() {
		this.audit.refused(exchange("/actuator/x%0D%0Aevent=admin_action"), "missing");
		// The raw request path, still percent-encoded: what was sent, and nothing a log reader could mistake for a line.
		assertThat(kv(this.lines.list.get(0), "path")).isEqualTo("/actuator/x%0D%0Aevent=admin_action");
	}

	@Test
	void actionWhenUnknownActionThenTaggedUnknownAndValueEscaped() {
		this.audit.action(new AdminRequest("admin-token:00000000", "127.0.0.1", "c-1"), "x\r\ny", null, "c\u2028d",
				null, 400);
		ILoggingEvent line = this.lines.list.get(0);
		assertThat(kv(line, "action")).isEqualTo("x\\r\\ny");
		assertThat(kv(line, "client_id")).isEqualTo("c\\u2028d");
		assertThat(kv(line, "outcome")).isEqualTo("refused");
		assertThat(this.registry.counter("tollgate.admin.actions", "action", "unknown", "outcome", "refused").count())
			.isEqualTo(1);
	}

	@Test
	void escapeWhenQuotesBackslashesAndLongValuesThenSafeAndBounded() {
		assertThat(LogText.escape("a\"b\\c\td\u0000")).isEqualTo("a\\\"b\\\\c\\td\\u0000");
		assertThat(LogText.escape("x".repeat(1000))).hasSize(203);
		assertThat(LogText.escape(null)).isEqualTo("-");
	}

	private static MockServerWebExchange exchange(String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create(path)));
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-12-07T06:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	/** The value of one structured key=value pair of an audit line. */
	static String kv(ILoggingEvent event, String key) {
		if (event.getKeyValuePairs() == null) {
			return null;
		}
		return event.getKeyValuePairs()
			.stream()
			.filter(p -> p.key.equals(key))
			.map(p -> String.valueOf(p.value))
			.findFirst()
			.orElse(null);
	}

}
