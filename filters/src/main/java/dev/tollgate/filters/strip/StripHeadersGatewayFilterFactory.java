package dev.tollgate.filters.strip;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.core.Pipeline;
import dev.tollgate.filters.core.PipelineOrder;

/**
 * Stage 1, per route: removes the route's own extra headers (in any case and {@code _}/{@code -} spelling, {@code *}
 * for a prefix). The identity headers every route strips (the defaults and {@code tollgate.gateway.strip-headers})
 * are removed before routing, by {@code InboundHeadersWebFilter}; credentials by {@link CredentialHeadersFilter}.
 * YAML name {@code StripHeaders}, shortcut {@code StripHeaders=X-A, X-B}: every argument is a header name.
 */
public class StripHeadersGatewayFilterFactory extends AbstractGatewayFilterFactory<StripHeadersGatewayFilterFactory.Config> {

	/** Runs before every other Tollgate stage. */
	public static final int ORDER = PipelineOrder.STRIP;

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

	/** The stage for the one-filter pipeline; {@code null} when the route strips no extra header. */
	public Stage stage(List<String> headers) {
		SpoofableHeaders spoofable = SpoofableHeaders.only(headers);
		return spoofable.isEmpty() ? null : new RouteHeadersStage(spoofable);
	}

	@Override
	public GatewayFilter apply(Config config) {
		Stage stage = stage(config.getHeaders());
		// No stage that refuses, so no responder is needed.
		Pipeline pipeline = (stage != null) ? new Pipeline(List.of(stage), null) : null;
		GatewayFilter filter = new GatewayFilter() {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				DecisionRecorder.correlationId(exchange);
				return (pipeline != null) ? pipeline.run(new Pass(exchange, null, "-"), chain) : chain.filter(exchange);
			}

			@Override
			public String toString() {
				return (stage != null) ? stage.toString() : "StripHeaders[]";
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
