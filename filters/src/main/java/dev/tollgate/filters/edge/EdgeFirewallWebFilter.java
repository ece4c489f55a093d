package dev.tollgate.filters.edge;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.DecisionRecorder;

/**
 * The first thing every request meets, gateway routes, actuator and RFC 9728 metadata alike: the
 * {@link EdgeFirewall}'s verdict. A refused request gets 400 {@code invalid_request} with an RFC 9457 body through the
 * one {@link ErrorResponder}, recorded under stage {@code edge}; nothing about it reaches routing, so routing,
 * authentication and the forwarded URI all see one normalized path.
 */
public final class EdgeFirewallWebFilter implements WebFilter, Ordered {

	/** Stage tag of edge decisions. */
	public static final String STAGE = "edge";

	private final EdgeFirewall firewall;

	private final ErrorResponder responder;

	private final DecisionRecorder recorder;

	public EdgeFirewallWebFilter(EdgeFirewall firewall, ErrorResponder responder, DecisionRecorder recorder) {
		this.firewall = firewall;
		this.responder = responder;
		this.recorder = recorder;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.firewall.check(exchange).flatMap((verdict) -> {
			if (verdict.accepted()) {
				this.recorder.record(exchange, ErrorResponder.NO_ROUTE, STAGE, "allowed", verdict.reason());
				return chain.filter(exchange);
			}
			// The route is not known yet (and must not be guessed from a path that was just refused).
			return this.responder.reject(exchange, null, STAGE,
					CallerFault.invalidRequest(verdict.reason(), verdict.description()));
		});
	}

}
