package dev.tollgate.filters.authz;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.core.TollgateAttributes;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.core.Pipeline;
import dev.tollgate.filters.core.PipelineOrder;

/**
 * Stage 3 as a filter of its own, for hand-written routes: YAML name {@code Authorize}. A thin adapter over
 * {@link AuthorizeStage}.
 */
public class AuthorizeGatewayFilterFactory extends AbstractGatewayFilterFactory<AuthorizeGatewayFilterFactory.Config> {

	public static final int ORDER = PipelineOrder.AUTHORIZE;

	static final String STAGE = AuthorizeStage.STAGE;

	private final ErrorResponder responder;

	private final DecisionRecorder recorder;

	public AuthorizeGatewayFilterFactory(ErrorResponder responder, DecisionRecorder recorder) {
		super(Config.class);
		this.responder = responder;
		this.recorder = recorder;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("scopes");
	}

	@Override
	public ShortcutType shortcutType() {
		return ShortcutType.GATHER_LIST;
	}

	/** The stage for the one-filter pipeline. @param scopes scopes to require; empty: the route's own */
	public Stage stage(List<String> scopes) {
		return new AuthorizeStage(scopes, this.recorder);
	}

	@Override
	public GatewayFilter apply(Config config) {
		Stage stage = stage(config.getScopes());
		Pipeline pipeline = new Pipeline(List.of(stage), this.responder);
		GatewayFilter filter = new GatewayFilter() {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
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

		/** Scopes a caller must all hold; empty means the route declaration's scopes. */
		private List<String> scopes = new ArrayList<>();

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		@Override
		public String toString() {
			return "Config[scopes=" + this.scopes + "]";
		}

	}

}
