package dev.tollgate.filters.upstream.exchange;

import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.util.context.Context;

import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.upstream.TokenExchanger;
import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** One audit event per exchange, without token values (RFC 9700 §4.9.3), and bounded metrics. */
class ExchangeAuditTests {

	private static final String SUBJECT = "eyJsubject.secret-part.signature";

	private static final String ISSUED = "eyJissued.secret-part.signature";

	private final MutableClock clock = MutableClock.startingNow();

	private final ScriptedTokenEndpoint sts = new ScriptedTokenEndpoint();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	private final Logger audit = (Logger) LoggerFactory.getLogger("tollgate.audit");

	private DefaultTokenExchanger exchanger;

	@BeforeEach
	void setUp() {
		this.events.start();
		this.audit.addAppender(this.events);
		this.audit.setLevel(Level.DEBUG);
		this.exchanger = new DefaultTokenExchanger(
				Map.of("corp", StsProfileBuilder.profile("corp", this.sts.tokenUri()).build(this.clock)),
				WebClient.create(), this.registry, this.clock);
	}

	@AfterEach
	void tearDown() {
		this.audit.detachAppender(this.events);
		this.sts.close();
	}

	@Test
	void exchangeWhenMissThenHitThenTwoAuditEventsWithRouteCacheStateAndNoTokens() {
		this.sts.issue(ISSUED, 300);
		CallerIdentity caller = TestCallers.caller("agent-a").build();

		exchange(caller);
		exchange(caller);

		assertThat(this.events.list).hasSize(2);
		Map<String, Object> miss = fields(this.events.list.get(0));
		assertThat(miss).containsEntry("event", "token_exchange")
			.containsEntry("route", "orders")
			.containsEntry("profile", "corp")
			.containsEntry("client_id", "agent-a")
			.containsEntry("audience", "orders-api")
			.containsEntry("scopes", "orders:read")
			.containsEntry("cache", "miss")
			.containsEntry("outcome", "issued")
			.containsKey("latency_us");
		assertThat(this.events.list.get(0).getLevel()).isEqualTo(Level.INFO);
		assertThat(fields(this.events.list.get(1))).containsEntry("cache", "hit");
		assertThat(this.events.list.get(1).getLevel()).isEqualTo(Level.DEBUG);
		assertThat(this.events.list)
			.allSatisfy((e) -> assertThat(e.toString() + fields(e)).doesNotContain("secret-part"));
	}

	@Test
	void exchangeWhenRefusedThenAuditEventNamesReasonWithoutTokens() {
		this.sts.answer(400, "{\"error\":\"access_denied\"}");

		try {
			exchange(TestCallers.caller("agent-b").build());
		}
		catch (RuntimeException expected) {
			// the 403 itself is covered elsewhere
		}

		assertThat(fields(this.events.list.get(0))).containsEntry("outcome", "refused")
			.containsEntry("reason", "sts_access_denied");
	}

	@Test
	void exchangeWhenServedThenMetricsCountCacheStatesAndTimeStsCalls() {
		this.sts.issue(ISSUED, 300);
		CallerIdentity caller = TestCallers.caller("agent-a").build();

		exchange(caller);
		exchange(caller);
		exchange(caller);

		assertThat(this.registry.get("tollgate.exchange.requests").tag("cache", "hit").counter().count()).isEqualTo(2);
		assertThat(this.registry.get("tollgate.exchange.requests").tag("cache", "miss").counter().count()).isEqualTo(1);
		assertThat(this.registry.get("tollgate.exchange.sts")
			.tags("grant", "token_exchange", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("tollgate.exchange.cache.size").gauge().value()).isEqualTo(1);
		assertThat(this.registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags().toString())
			.doesNotContain("agent-a").doesNotContain("secret-part"));
	}

	private void exchange(CallerIdentity caller) {
		this.exchanger.exchange("corp", caller, SUBJECT, "orders-api", null, List.of("orders:read"))
			.contextWrite(Context.of(TokenExchanger.ROUTE_ID_CONTEXT_KEY, "orders"))
			.block();
	}

	private static Map<String, Object> fields(ILoggingEvent event) {
		Map<String, Object> fields = new java.util.LinkedHashMap<>();
		event.getKeyValuePairs().forEach((kv) -> fields.put(kv.key, kv.value));
		return fields;
	}

}
