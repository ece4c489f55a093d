package dev.tollgate.filters.upstream;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.RouteSecurity;
import dev.tollgate.filters.TollgateAttributes;
import dev.tollgate.filters.authn.CallerIdentity;
import dev.tollgate.filters.authn.CredentialKind;
import dev.tollgate.filters.authn.InboundCredential;
import dev.tollgate.filters.errors.CallerFault;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.upstream.mint.TokenMinter;

/**
 * Stage 5: the upstream receives only a token made for it. Bearer callers on a route with an STS profile get an RFC
 * 8693 exchanged token; everyone else (API-key callers always) gets a short-lived token minted by the gateway. The
 * caller's own credential, DPoP proof and cookies never pass through. YAML name {@code UpstreamToken}.
 */
public class UpstreamTokenGatewayFilterFactory
		extends AbstractGatewayFilterFactory<UpstreamTokenGatewayFilterFactory.Config> {

	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 500;

	static final String STAGE = "upstream-token";

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

	@Override
	public GatewayFilter apply(Config config) {
		if (config.getExchange() != null && this.exchanger == null) {
			throw new IllegalArgumentException("route '" + config.getRouteId() + "': upstream-token.exchange '"
					+ config.getExchange() + "' names an STS profile, but no tollgate.sts profiles are configured");
		}
		Config resolved = config.copy();
		GatewayFilter filter = new GatewayFilter() {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				return attachToken(exchange, chain, resolved);
			}

			@Override
			public String toString() {
				return "UpstreamToken" + resolved;
			}
		};
		return new OrderedGatewayFilter(filter, ORDER);
	}

	private Mono<Void> attachToken(ServerWebExchange exchange, GatewayFilterChain chain, Config config) {
		RouteSecurity route = exchange.getAttribute(TollgateAttributes.ROUTE_SECURITY);
		CallerIdentity caller = exchange.getAttribute(TollgateAttributes.CALLER_IDENTITY);
		String routeId = (route != null) ? route.routeId() : String.valueOf(config.getRouteId());
		if (caller == null) {
			// Misconfiguration (no Authenticate stage before this one): never forward without a token.
			return this.responder.reject(exchange, routeId, STAGE, CallerFault.missingCredential());
		}
		String audience = (config.getAudience() != null) ? config.getAudience()
				: (route != null) ? route.audience() : null;
		List<String> scopes = scopesFor(caller, config, route);
		boolean exchangeIt = config.getExchange() != null && caller.kind() != CredentialKind.API_KEY;
		if (!exchangeIt) {
			Mono<String> minted = Mono.fromSupplier(() -> this.minter.mint(caller, routeId, audience, scopes));
			return this.responder.decide(exchange, routeId, STAGE, minted, token -> forward(exchange, chain,
					routeId, "minted", token, config));
		}
		InboundCredential credential = exchange.getAttribute(TollgateAttributes.INBOUND_CREDENTIAL);
		if (credential == null) {
			return this.responder.reject(exchange, routeId, STAGE, CallerFault.missingCredential());
		}
		// An empty request would let the STS grant every scope of the subject token: ask for what the route
		// configures instead, which the exchanger refuses (403 insufficient_scope) when the caller lacks it.
		List<String> requested = (scopes.isEmpty() && !config.getScopes().isEmpty()) ? config.getScopes() : scopes;
		Mono<String> exchanged = this.exchanger
			.exchange(config.getExchange(), caller, credential.value(), audience, config.getResource(), requested)
			.contextWrite(Context.of(TokenExchanger.ROUTE_ID_CONTEXT_KEY, routeId));
		return this.responder.decide(exchange, routeId, STAGE, exchanged, token -> {
			// An upstream that refuses the exchanged token makes the next request exchange afresh.
			exchange.getResponse().beforeCommit(() -> {
				if (exchange.getResponse().getStatusCode() == HttpStatus.UNAUTHORIZED) {
					this.exchanger.invalidate(config.getExchange(), credential.value(), audience,
							config.getResource(), requested, token);
				}
				return Mono.empty();
			});
			return forward(exchange, chain, routeId, "exchanged", token, config);
		});
	}

	private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, String routeId, String how,
			String token, Config config) {
		this.recorder.record(exchange, routeId, STAGE, "allowed", how);
		return chain.filter(withToken(exchange, token, config.isRemoveCookies()));
	}

	private static List<String> scopesFor(CallerIdentity caller, Config config, RouteSecurity route) {
		List<String> wanted = !config.getScopes().isEmpty() ? config.getScopes()
				: (route != null && !route.scopes().isEmpty()) ? route.scopes() : null;
		if (wanted == null) {
			return caller.scopes().stream().sorted().toList();
		}
		// Down-scope: never more than the caller holds.
		return wanted.stream().filter(caller.scopes()::contains).toList();
	}

	private static ServerWebExchange withToken(ServerWebExchange exchange, String token, boolean removeCookies) {
		return exchange.mutate().request(r -> r.headers(h -> {
			h.remove("DPoP");
			if (removeCookies) {
				h.remove(HttpHeaders.COOKIE);
			}
			h.setBearerAuth(token);
		})).build();
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

		Config copy() {
			Config c = new Config();
			c.routeId = this.routeId;
			c.audience = this.audience;
			c.resource = this.resource;
			c.scopes = List.copyOf(this.scopes);
			c.exchange = this.exchange;
			c.removeCookies = this.removeCookies;
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
