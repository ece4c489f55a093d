package dev.tollgate.filters.upstream;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RoutePolicy;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.core.TollgateAttributes;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.core.Pipeline;
import dev.tollgate.filters.core.PipelineOrder;
import dev.tollgate.filters.upstream.mint.TokenMinter;

/**
 * Stage 5 as a filter of its own, for hand-written routes: YAML name {@code UpstreamToken}. A thin adapter over
 * {@link UpstreamTokenStage}: the upstream receives only a token made for it, exchanged (RFC 8693) or minted.
 */
public class UpstreamTokenGatewayFilterFactory
		extends AbstractGatewayFilterFactory<UpstreamTokenGatewayFilterFactory.Config> {

	public static final int ORDER = PipelineOrder.UPSTREAM_TOKEN;

	public static final String STAGE = "upstream-token";

	private final TokenMinter minter;

	private final TokenExchanger exchanger;

	private final ErrorResponder responder;

	private final DecisionRecorder recorder;

	/** @param exchanger may be {@code null} when no STS profile is configured */
	public UpstreamTokenGatewayFilterFactory(TokenMinter minter, TokenExchanger exchanger, ErrorResponder responder,
			DecisionRecorder recorder) {
		super(Config.class);
		this.minter = minter;
		this.exchanger = exchanger;
		this.responder = responder;
		this.recorder = recorder;
	}

	/** The stage for the one-filter pipeline, its settings checked and copied now. */
	public Stage stage(Config config) {
		if (config.getExchange() != null && this.exchanger == null) {
			throw new IllegalArgumentException("route '" + config.getRouteId() + "': upstream-token.exchange '"
					+ config.getExchange() + "' names an STS profile, but no tollgate.sts profiles are configured");
		}
		return new UpstreamTokenStage(this.minter, this.exchanger, this.recorder, config.copy());
	}

	@Override
	public GatewayFilter apply(Config config) {
		Stage stage = stage(config);
		Pipeline pipeline = new Pipeline(List.of(stage), this.responder);
		String configuredRouteId = String.valueOf(config.getRouteId());
		GatewayFilter filter = new GatewayFilter() {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				RouteSecurity route = exchange.getAttribute(TollgateAttributes.ROUTE_SECURITY);
				return pipeline.run(new Pass(exchange, null, (route != null) ? route.routeId() : configuredRouteId),
						chain);
			}

			@Override
			public String toString() {
				return stage.toString();
			}
		};
		return new OrderedGatewayFilter(filter, ORDER);
	}

	/** Per-route settings. */
	public static class Config implements HasRouteId {

		/** The route id; set by Spring Cloud Gateway for routes declared in YAML. */
		private String routeId;

		/** {@code aud} of the upstream's token; default the route's audience. */
		private String audience;

		/** RFC 8707 {@code resource} to request from the STS (exchange only). */
		private String resource;

		/**
		 * Scopes the upstream token carries, intersected with the caller's; default the route's required scopes, or
		 * all the caller's scopes when the route requires none.
		 */
		private List<String> scopes = new ArrayList<>();

		/** Name of an STS profile ({@code tollgate.sts.<name>}) to exchange bearer tokens at; unset: mint. */
		private String exchange;

		/** Remove the {@code Cookie} header too: cookies are credentials the upstream must not receive. */
		private boolean removeCookies = true;

		/**
		 * With {@code exchange}: {@code MINT} gives sender-constrained callers a gateway-minted token with an
		 * {@code act} claim instead of an exchanged one; unset or {@code EXCHANGE}: exchanged like any caller.
		 */
		private RoutePolicy.BoundTokens boundTokens;

		@Override
		public void setRouteId(String routeId) {
			this.routeId = routeId;
		}

		@Override
		public String getRouteId() {
			return this.routeId;
		}

		public String getAudience() {
			return this.audience;
		}

		public void setAudience(String audience) {
			this.audience = audience;
		}

		public String getResource() {
			return this.resource;
		}

		public void setResource(String resource) {
			this.resource = resource;
		}

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		public String getExchange() {
			return this.exchange;
		}

		public void setExchange(String exchange) {
			this.exchange = exchange;
		}

		public boolean isRemoveCookies() {
			return this.removeCookies;
		}

		public void setRemoveCookies(boolean removeCookies) {
			this.removeCookies = removeCookies;
		}

		public RoutePolicy.BoundTokens getBoundTokens() {
			return this.boundTokens;
		}

		public void setBoundTokens(RoutePolicy.BoundTokens boundTokens) {
			this.boundTokens = boundTokens;
		}

		/** The settings of a route's {@link RoutePolicy.UpstreamToken}. */
		public static Config of(String routeId, RoutePolicy.UpstreamToken token) {
			Config c = new Config();
			c.routeId = routeId;
			c.audience = token.audience();
			c.resource = token.resource();
			c.scopes = token.scopes();
			c.exchange = token.exchange();
			c.removeCookies = token.removeCookies();
			c.boundTokens = token.boundTokens();
			return c;
		}

		Config copy() {
			Config c = new Config();
			c.routeId = this.routeId;
			c.audience = this.audience;
			c.resource = this.resource;
			c.scopes = List.copyOf(this.scopes);
			c.exchange = this.exchange;
			c.removeCookies = this.removeCookies;
			c.boundTokens = this.boundTokens;
			return c;
		}

		@Override
		public String toString() {
			return "Config[routeId=" + this.routeId + ", audience=" + this.audience + ", resource=" + this.resource
					+ ", scopes=" + this.scopes + ", exchange=" + this.exchange + ", removeCookies="
					+ this.removeCookies + "]";
		}

	}

}
