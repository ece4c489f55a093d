package dev.tollgate.filters.binding;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.Pipeline;
import dev.tollgate.filters.core.PipelineOrder;
import dev.tollgate.filters.core.RoutePolicy.Binding;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.core.TollgateAttributes;
import dev.tollgate.filters.errors.ErrorResponder;

/**
 * The binding stage as a filter of its own, for hand-written routes that combine the filters one by one: YAML name
 * {@code Binding}, after {@code Authenticate}. A thin adapter over {@link BindingStage}. Routes using the
 * {@code Tollgate} filter (every declared route) run the stage already.
 *
 * <pre>
 * filters:
 *   - Authenticate=https://gateway.example.com/orders
 *   - Binding=DPOP
 * </pre>
 */
public class BindingGatewayFilterFactory extends AbstractGatewayFilterFactory<BindingGatewayFilterFactory.Config> {

	/** Right after authenticate, before the credential headers are dropped. */
	public static final int ORDER = PipelineOrder.BINDING;

	private final BindingStages stages;

	private final ErrorResponder responder;

	public BindingGatewayFilterFactory(BindingStages stages, ErrorResponder responder) {
		super(Config.class);
		this.stages = stages;
		this.responder = responder;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("binding");
	}

	@Override
	public GatewayFilter apply(Config config) {
		Binding binding = config.getBinding();
		Stage stage = this.stages.stage(binding);
		String challenge = this.stages.challenge(binding);
		Pipeline pipeline = new Pipeline(List.of(stage), this.responder);
		GatewayFilter filter = new GatewayFilter() {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				if (challenge != null) {
					exchange.getAttributes().put(TollgateAttributes.DPOP_CHALLENGE, challenge);
				}
				RouteSecurity route = exchange.getAttribute(TollgateAttributes.ROUTE_SECURITY);
				return pipeline.run(new Pass(exchange, null, (route != null) ? route.routeId() : "unknown"), chain);
			}

			@Override
			public String toString() {
				return stage.toString();
			}
		};
		return new OrderedGatewayFilter(filter, ORDER);
	}

	/** Per-route settings. */
	public static class Config {

		/** What callers' tokens must be bound to: {@code NONE} (default), {@code DPOP}, {@code MTLS}, {@code ANY_BOUND}. */
		private Binding binding = Binding.NONE;

		public Binding getBinding() {
			return this.binding;
		}

		public void setBinding(Binding binding) {
			this.binding = (binding != null) ? binding : Binding.NONE;
		}

		@Override
		public String toString() {
			return "Config[binding=" + this.binding + "]";
		}

	}

}
