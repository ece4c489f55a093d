package dev.tollgate.filters.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.springframework.cloud.gateway.handler.predicate.AbstractRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.GatewayPredicate;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

/**
 * Matches requests whose method is <em>not</em> in the list: the negation of the gateway's {@code Method} predicate,
 * which route definitions cannot express otherwise. Used, with {@code Path}, by the routes that answer 405 for a
 * method-restricted route's paths. YAML name {@code MethodNotIn}.
 */
public class MethodNotInRoutePredicateFactory
		extends AbstractRoutePredicateFactory<MethodNotInRoutePredicateFactory.Config> {

	public MethodNotInRoutePredicateFactory() {
		super(Config.class);
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("methods");
	}

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public Predicate<ServerWebExchange> apply(Config config) {
		Set<HttpMethod> excluded = config.getMethods().stream().map(HttpMethod::valueOf).collect(Collectors.toSet());
		return new GatewayPredicate() {
			@Override
			public boolean test(ServerWebExchange exchange) {
				return !excluded.contains(exchange.getRequest().getMethod());
			}

			@Override
			public String toString() {
				return "MethodNotIn: " + excluded;
			}
		};
	}

	/** The methods that do not match. */
	public static class Config {

		/** Methods (case-sensitive, e.g. {@code GET}) this predicate does not match. */
		private List<String> methods = new ArrayList<>();

		public List<String> getMethods() {
			return this.methods;
		}

		public void setMethods(List<String> methods) {
			this.methods = methods;
		}

	}

}
