package dev.tollgate.filters.authz;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.RouteSecurity;
import dev.tollgate.filters.TollgateAttributes;
import dev.tollgate.filters.authn.CallerIdentity;
import dev.tollgate.filters.errors.CallerFault;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.DecisionRecorder;

/**
 * Stage 3: the authenticated caller must hold every scope the route requires, else 403
 * {@code insufficient_scope} naming them (RFC 6750 §3.1). The audience was already checked when the token was
 * validated: a token for another audience is not valid here at all (401). YAML name {@code Authorize}.
 */
public class AuthorizeGatewayFilterFactory extends AbstractGatewayFilterFactory<AuthorizeGatewayFilterFactory.Config> {

	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 300;

	static final String STAGE = "authorize";

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

	@Override
	public GatewayFilter apply(Config config) {
		List<String> configured = List.copyOf(config.getScopes());
		GatewayFilter filter = new GatewayFilter() {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				return authorize(exchange, chain, configured);
			}

			@Override
			public String toString() {
				return "Authorize[scopes=" + configured + "]";
			}
		};
		return new OrderedGatewayFilter(filter, ORDER);
	}

	private Mono<Void> authorize(ServerWebExchange exchange, GatewayFilterChain chain, List<String> configured) {
		RouteSecurity route = exchange.getAttribute(TollgateAttributes.ROUTE_SECURITY);
		CallerIdentity caller = exchange.getAttribute(TollgateAttributes.CALLER_IDENTITY);
		String routeId = (route != null) ? route.routeId() : "unknown";
		if (caller == null) {
			// Misconfiguration (Authorize without Authenticate before it): refuse rather than allow.
			return this.responder.reject(exchange, routeId, STAGE, CallerFault.missingCredential());
		}
		List<String> required = (configured.isEmpty() && route != null) ? route.scopes() : configured;
		if (!caller.hasAllScopes(required)) {
			return this.responder.reject(exchange, routeId, STAGE, CallerFault.insufficientScope(required));
		}
		this.recorder.record(exchange, routeId, STAGE, "allowed", "scopes_ok");
		return chain.filter(exchange);
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
