package dev.tollgate.filters.observe;

import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionRecorderTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final DecisionRecorder recorder = new DecisionRecorder(this.registry);

	@Test
	void recordWhenSameTagsAgainThenOneCounterCountsEveryDecision() {
		for (int i = 0; i < 3; i++) {
			this.recorder.record(exchange(), "orders", "rate-limit", "allowed", "none");
		}
		this.recorder.record(exchange(), "orders", "rate-limit", "rejected", "limited");

		assertThat(this.registry.get("tollgate.decisions").tag("outcome", "allowed").counter().count()).isEqualTo(3);
		assertThat(this.registry.get("tollgate.decisions").tag("outcome", "rejected").counter().count()).isEqualTo(1);
		assertThat(this.registry.get("tollgate.decisions").counters()).hasSize(2);
	}

	@Test
	void correlationIdWhenCallerSendsSafeIdThenKeptAndEchoed() {
		MockServerWebExchange exchange = exchange("req-42.a_b");

		assertThat(DecisionRecorder.correlationId(exchange)).isEqualTo("req-42.a_b");
		assertThat(exchange.getResponse().getHeaders().getFirst(DecisionRecorder.CORRELATION_HEADER))
			.isEqualTo("req-42.a_b");
	}

	@Test
	void correlationIdWhenCallerSendsUnsafeIdThenReplacedByRandomVersion4Uuid() {
		String id = DecisionRecorder.correlationId(exchange("x\" injected=\"1"));

		UUID uuid = UUID.fromString(id);
		assertThat(uuid.version()).isEqualTo(4);
		assertThat(uuid.variant()).isEqualTo(2);
	}

	@Test
	void correlationIdWhenNoneSentThenNewPerExchangeAndStableWithinOne() {
		MockServerWebExchange first = exchange();
		String id = DecisionRecorder.correlationId(first);

		assertThat(DecisionRecorder.correlationId(first)).isEqualTo(id);
		assertThat(DecisionRecorder.correlationId(exchange())).isNotEqualTo(id);
		assertThat(UUID.fromString(id).version()).isEqualTo(4);
	}

	private static MockServerWebExchange exchange() {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/orders"));
	}

	private static MockServerWebExchange exchange(String correlationId) {
		return MockServerWebExchange
			.from(MockServerHttpRequest.get("/orders").header(DecisionRecorder.CORRELATION_HEADER, correlationId));
	}

}
