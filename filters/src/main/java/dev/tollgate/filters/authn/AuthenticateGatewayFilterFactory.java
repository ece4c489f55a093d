package dev.tollgate.filters.authn;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.config.PublicBaseUrl;
import dev.tollgate.filters.config.PublicBaseUrlRequirement;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.edge.ClientAddress;
import dev.tollgate.filters.edge.FailedAuthLimiter;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.core.Pipeline;
import dev.tollgate.filters.core.PipelineOrder;

/**
 * Stage 2 as a filter of its own, for hand-written routes: YAML name {@code Authenticate}. A thin adapter over
 * {@link AuthenticateStage}, which the one-filter pipeline ({@code Tollgate}) runs too.
 */
public class AuthenticateGatewayFilterFactory
		extends AbstractGatewayFilterFactory<AuthenticateGatewayFilterFactory.Config> {

	public static final int ORDER = PipelineOrder.AUTHENTICATE;

	static final String STAGE = AuthenticateStage.STAGE;

	/** Stage of decisions taken at the edge, before the credential is looked at. */
	static final String EDGE_STAGE = AuthenticateStage.EDGE_STAGE;

	private final ErrorResponder responder;

	private final AuthenticateStage stage;

	public AuthenticateGatewayFilterFactory(Authenticator authenticator, ErrorResponder responder,
			DecisionRecorder recorder) {
		this(authenticator, responder, recorder, null, null);
	}

	/**
	 * @param clientAddress resolves the client address the failed-authentication limit counts against
	 * @param failedAuth the limit, or {@code null} for none
	 */
	public AuthenticateGatewayFilterFactory(Authenticator authenticator, ErrorResponder responder,
			DecisionRecorder recorder, ClientAddress clientAddress, FailedAuthLimiter failedAuth) {
		super(Config.class);
		this.responder = responder;
		this.stage = new AuthenticateStage(authenticator, recorder, clientAddress, failedAuth);
	}

	/** The stage itself, for the one-filter pipeline; it reads the route from the request's pass. */
	public Stage stage() {
		return this.stage;
	}

	/** The route's settings with its RFC 9728 resource resolved; fails when no public base URL is configured. */
	public RouteSecurity routeSecurity(Config config) {
		PublicBaseUrl base = this.responder.publicBaseUrl();
		if (base == null) {
			// Never fall back to the request's Host for the challenge or the advertised resource.
			throw PublicBaseUrlRequirement.missing(String.valueOf(config.getRouteId()));
		}
		return config.toRouteSecurity().withPublicBaseUrl(base.value());
	}

	@Override
	public GatewayFilter apply(Config config) {
		RouteSecurity route = routeSecurity(config);
		Pipeline pipeline = new Pipeline(List.of(this.stage), this.responder);
		GatewayFilter filter = new GatewayFilter() {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				DecisionRecorder.correlationId(exchange);
				return pipeline.run(new Pass(exchange, route, route.routeId()), chain);
			}

			@Override
			public String toString() {
				return "Authenticate" + route;
			}
		};
		return new OrderedGatewayFilter(filter, ORDER);
	}

	/** Per-route settings; for routes declared under {@code tollgate.routes} they are derived from the declaration. */
	public static class Config implements HasRouteId {

		/** The route id; set by Spring Cloud Gateway for routes declared in YAML. */
		private String routeId;

		/**
		 * The audience a bearer token must name in {@code aud} to be valid on this route (RFC 9068 §4). The route's
		 * RFC 9728 resource ({@code tollgate.gateway.public-base-url} + {@code resourcePath}) is accepted as well.
		 */
		private String audience;

		/** Scopes a caller must all hold; checked by the {@code Authorize} stage, published in RFC 9728 metadata. */
		private List<String> scopes = new ArrayList<>();

		/** Credential types accepted: {@code bearer}, {@code api-key}. Default: bearer only. */
		private Set<RouteSecurity.Credential> credentials = new LinkedHashSet<>(Set.of(RouteSecurity.Credential.BEARER));

		/** Names of trusted issuers ({@code tollgate.issuers[].name}) accepted on this route; empty means all. */
		private Set<String> issuers = new LinkedHashSet<>();

		/**
		 * Public path prefix of the route, default {@code /<route id>}. With {@code tollgate.gateway.public-base-url}
		 * it makes the route's RFC 9728 {@code resource} (base URL + this path), which the route accepts as a token
		 * audience besides {@code audience}, and its metadata URL ({@code /.well-known/oauth-protected-resource}
		 * + this path).
		 */
		private String resourcePath;

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

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		public Set<RouteSecurity.Credential> getCredentials() {
			return this.credentials;
		}

		public void setCredentials(Set<RouteSecurity.Credential> credentials) {
			this.credentials = credentials;
		}

		public Set<String> getIssuers() {
			return this.issuers;
		}

		public void setIssuers(Set<String> issuers) {
			this.issuers = issuers;
		}

		public String getResourcePath() {
			return this.resourcePath;
		}

		public void setResourcePath(String resourcePath) {
			this.resourcePath = resourcePath;
		}

		RouteSecurity toRouteSecurity() {
			if (this.routeId == null) {
				throw new IllegalArgumentException("Authenticate filter needs a route id");
			}
			if (this.credentials.contains(RouteSecurity.Credential.BEARER)
					&& (this.audience == null || this.audience.isBlank())) {
				throw new IllegalArgumentException(
						"route '" + this.routeId + "': Authenticate filter property 'audience' is required");
			}
			String path = (this.resourcePath != null) ? this.resourcePath : "/" + this.routeId;
			return new RouteSecurity(this.routeId, this.audience, this.scopes, this.credentials, this.issuers, path);
		}

		@Override
		public String toString() {
			return "Config[routeId=" + this.routeId + ", audience=" + this.audience + ", scopes=" + this.scopes
					+ ", credentials=" + this.credentials + ", issuers=" + this.issuers + "]";
		}

	}

}
