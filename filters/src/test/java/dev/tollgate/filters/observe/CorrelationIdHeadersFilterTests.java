package dev.tollgate.filters.observe;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationIdHeadersFilterTests {

	private final CorrelationIdHeadersFilter filter = new CorrelationIdHeadersFilter();

	@Test
	void filterWhenIdSettledAndCallerSentNoneThenUpstreamHeadersCarryItAndRequestIsUntouched() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/orders").header("Accept", "*/*"));
		String id = DecisionRecorder.correlationId(exchange);

		HttpHeaders upstream = this.filter.filter(exchange.getRequest().getHeaders(), exchange);

		assertThat(upstream.get(DecisionRecorder.CORRELATION_HEADER)).containsExactly(id);
		assertThat(upstream.getFirst("Accept")).isEqualTo("*/*");
		assertThat(exchange.getRequest().getHeaders().containsHeader(DecisionRecorder.CORRELATION_HEADER)).isFalse();
	}

	@Test
	void filterWhenCallerIdTakenThenHeadersPassedOnAsTheyAre() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/orders").header("X-Correlation-Id", "c-1"));
		DecisionRecorder.correlationId(exchange);
		HttpHeaders input = exchange.getRequest().getHeaders();

		assertThat(this.filter.filter(input, exchange)).isSameAs(input);
	}

	@Test
	void filterWhenCallerSentTwoIdsThenOnlyTheOneTakenGoesUpstream() {
		MockServerWebExchange exchange = exchange(
				MockServerHttpRequest.get("/orders").header("X-Correlation-Id", "c-1").header("x-correlation-id", "c-2"));
		DecisionRecorder.correlationId(exchange);

		HttpHeaders upstream = this.filter.filter(exchange.getRequest().getHeaders(), exchange);

		assertThat(upstream.get(DecisionRecorder.CORRELATION_HEADER)).containsExactly("c-1");
	}

	@Test
	void filterWhenCallerIdRefusedThenReplacedByTheSettledOne() {
		MockServerWebExchange exchange = exchange(
				MockServerHttpRequest.get("/orders").header("X-Correlation-Id", "bad id\"x"));
		String id = DecisionRecorder.correlationId(exchange);

		HttpHeaders upstream = this.filter.filter(exchange.getRequest().getHeaders(), exchange);

		assertThat(upstream.get(DecisionRecorder.CORRELATION_HEADER)).containsExactly(id).doesNotContain("bad id\"x");
	}

	@Test
	void filterWhenNoIdSettledThenHeadersPassedOnAsTheyAre() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/orders"));
		HttpHeaders input = exchange.getRequest().getHeaders();

		assertThat(this.filter.filter(input, exchange)).isSameAs(input);
	}

	@Test
	void supportsWhenResponseThenFalse() {
		assertThat(this.filter.supports(HttpHeadersFilter.Type.REQUEST)).isTrue();
		assertThat(this.filter.supports(HttpHeadersFilter.Type.RESPONSE)).isFalse();
	}

	private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
		return MockServerWebExchange.from(request);
	}

}
