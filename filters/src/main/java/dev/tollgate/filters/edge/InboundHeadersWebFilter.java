package dev.tollgate.filters.edge;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.strip.SpoofableHeaders;

/**
 * The request headers every route and endpoint sees, settled before routing: hop-by-hop fields removed as RFC 9110
 * §7.6.1 requires ({@link HopByHopHeaders}), the identity headers upstreams trust removed in every spelling
 * ({@link SpoofableHeaders}: the defaults plus {@code tollgate.gateway.strip-headers}), and the request's correlation
 * id settled (the caller's {@code X-Correlation-Id} when well-formed, else a new one), which the caller gets back and
 * the upstream receives ({@link dev.tollgate.filters.observe.CorrelationIdHeadersFilter}), so both log the same id.
 *
 * <p>Runs right after the path firewall, before any route, so that nothing a caller nominates in {@code Connection}
 * reaches the pipeline or Spring Cloud Gateway's own hop-by-hop filter on the finished upstream request.
 */
public final class InboundHeadersWebFilter implements WebFilter, Ordered {

	/** Right after the path firewall ({@code HIGHEST_PRECEDENCE}). */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

	static final String STAGE = "edge";

	/** Route tag of decisions taken before routing. */
	static final String NO_ROUTE = "-";

	private final SpoofableHeaders spoofable;

	private final ErrorResponder responder;

	public InboundHeadersWebFilter(SpoofableHeaders spoofable, ErrorResponder responder) {
		this.spoofable = spoofable;
		this.responder = responder;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		HopByHopHeaders.Plan hopByHop = HopByHopHeaders.plan(request.getMethod(), headers);
		if (hopByHop.forbiddenNomination() != null) {
			return this.responder.reject(exchange, NO_ROUTE, STAGE, CallerFault.invalidRequest(
					"connection_nominates_framing",
					"The Connection header may not name Host, Content-Length or Transfer-Encoding."));
		}
		List<String> spoofed = this.spoofable.presentIn(headers);
		ServerWebExchange cleaned = exchange;
		if (!hopByHop.isEmpty() || !spoofed.isEmpty()) {
			cleaned = exchange.mutate().request(r -> r.headers(h -> {
				hopByHop.applyTo(h);
				spoofed.forEach(h::remove);
			})).build();
		}
		// After the removals: a correlation id nominated as hop-by-hop is not the caller's to hand on. The upstream
		// gets the id from CorrelationIdHeadersFilter, without another copy of the request here.
		DecisionRecorder.correlationId(cleaned);
		return chain.filter(cleaned);
	}

}
