package dev.tollgate.filters.edge;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.errors.ErrorResponder;

/**
 * Answers 405 with {@code Allow} (RFC 9110 §15.5.6) and a problem body, and forwards nothing. Ends the guard route
 * that keeps other methods on a method-restricted route's paths from falling through to a later route. YAML name
 * {@code MethodNotAllowed}.
 */
public class MethodNotAllowedGatewayFilterFactory
		extends AbstractGatewayFilterFactory<MethodNotAllowedGatewayFilterFactory.Config> {

	/** Stage tag of the decision. */
	public static final String STAGE = "route";

	private final ErrorResponder responder;

	public MethodNotAllowedGatewayFilterFactory(ErrorResponder responder) {
		super(Config.class);
		this.responder = responder;
	}

	@Override
	public GatewayFilter apply(Config config) {
		List<String> allow = List.copyOf(config.getAllow());
		String route = config.getRoute();
		GatewayFilter filter = new GatewayFilter() {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				return MethodNotAllowedGatewayFilterFactory.this.responder.reject(exchange, route, STAGE,
						CallerFault.methodNotAllowed(allow));
			}

			@Override
			public String toString() {
				return "MethodNotAllowed[allow=" + allow + "]";
			}
		};
		return new OrderedGatewayFilter(filter, Ordered.HIGHEST_PRECEDENCE);
	}

	/** What to answer. */
	public static class Config {

		/** Methods for the {@code Allow} header, e.g. {@code [GET, HEAD]}. */
		private List<String> allow = new ArrayList<>();

		/** Route id to record and name in the problem body: the declared route whose paths these are. */
		private String route;

		public List<String> getAllow() {
			return this.allow;
		}

		public void setAllow(List<String> allow) {
			this.allow = allow;
		}

		public String getRoute() {
			return this.route;
		}

		public void setRoute(String route) {
			this.route = route;
		}

	}

}
