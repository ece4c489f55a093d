package dev.tollgate.filters.strip;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.observe.DecisionRecorder;

/**
 * Stage 1, per route: removes the route's own extra headers (in any case and {@code _}/{@code -} spelling, {@code *}
 * for a prefix). The identity headers every route strips (the defaults and {@code tollgate.gateway.strip-headers})
 * are removed before routing, by {@code InboundHeadersWebFilter}; credentials by {@link CredentialHeadersFilter}.
 * YAML name {@code StripHeaders}, shortcut {@code StripHeaders=X-A, X-B}: every argument is a header name.
 */
public class StripHeadersGatewayFilterFactory extends AbstractGatewayFilterFactory<StripHeadersGatewayFilterFactory.Config> {

	/** Runs before every other Tollgate stage. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	public StripHeadersGatewayFilterFactory() {
		super(Config.class);
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("headers");
	}

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	@Override
	public GatewayFilter apply(Config config) {
		SpoofableHeaders spoofable = SpoofableHeaders.only(config.getHeaders());
		GatewayFilter filter = new GatewayFilter() {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				DecisionRecorder.correlationId(exchange);
				List<String> present = spoofable.isEmpty() ? List.of()
						: spoofable.presentIn(exchange.getRequest().getHeaders());
				if (present.isEmpty()) {
					return chain.filter(exchange);
				}
				return chain.filter(exchange.mutate()
					.request(r -> r.headers(h -> present.forEach(h::remove)))
					.build());
			}

			@Override
			public String toString() {
				return "StripHeaders" + spoofable.names();
			}
		};
		return new OrderedGatewayFilter(filter, ORDER);
	}

	/** Per-route settings. */
	public static class Config {

		/** Headers to strip on this route in addition to the gateway-wide list; {@code X-Internal-*} is a prefix. */
		private List<String> headers = new ArrayList<>();

		public List<String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(List<String> headers) {
			this.headers = headers;
		}

		@Override
		public String toString() {
			return "Config[headers=" + this.headers + "]";
		}

	}

}
