package dev.tollgate.filters.observe;

import java.util.List;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.TollgateAttributes;

/**
 * Hands the request's correlation id to the upstream as {@code X-Correlation-Id}: the id the caller got back and
 * every decision and audit line carries ({@link DecisionRecorder#correlationId}, settled at the edge). Set on the
 * finished upstream request, as the last of Spring Cloud Gateway's {@link HttpHeadersFilter}s, so it replaces any
 * value the caller sent that was not taken; not by mutating the exchange at the edge, which copied every request's
 * headers into a case-insensitive map that each later header read paid for (perf/RESULTS.md, stop 23).
 */
public final class CorrelationIdHeadersFilter implements HttpHeadersFilter, Ordered {

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		String id = exchange.getAttribute(TollgateAttributes.CORRELATION_ID);
		if (id == null || carriesOnly(input, id)) {
			return input;
		}
		// The headers an earlier filter returned may be the request's own, read-only ones.
		HttpHeaders out = new HttpHeaders();
		out.putAll(input);
		out.set(DecisionRecorder.CORRELATION_HEADER, id);
		return out;
	}

	private static boolean carriesOnly(HttpHeaders headers, String id) {
		List<String> values = headers.get(DecisionRecorder.CORRELATION_HEADER);
		return values != null && values.size() == 1 && id.equals(values.get(0));
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

	/** After Spring Cloud Gateway's own header filters, hop-by-hop removal included. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
