package dev.tollgate.filters.authn;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.RouteSecurity;
import dev.tollgate.filters.TollgateAttributes;
import dev.tollgate.filters.config.PublicBaseUrl;
import dev.tollgate.filters.config.PublicBaseUrlRequirement;
import dev.tollgate.filters.edge.ClientAddress;
import dev.tollgate.filters.edge.FailedAuthLimiter;
import dev.tollgate.filters.errors.CallerFault;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.errors.RateLimited;
import dev.tollgate.filters.observe.DecisionRecorder;

/**
 * Stage 2: authenticates the request's one credential into a {@link CallerIdentity}, then removes the credential
 * from the request so it can never reach the upstream. YAML name {@code Authenticate}.
 * <p>
 * With a {@link FailedAuthLimiter}, each refused credential (401 {@code invalid_token}) counts against the client
 * address ({@link ClientAddress}); an address over its limit is refused with 429 (stage {@code edge}, reason
 * {@code failed_auth_limited}) before its credential is looked at, so a flood costs no signature check, no
 * introspection and no store lookup. The one exception: a bearer token whose verification is still cached passes,
 * so a good client sharing a NAT address with an attacker keeps working once it has authenticated.
 */
public class AuthenticateGatewayFilterFactory
		extends AbstractGatewayFilterFactory<AuthenticateGatewayFilterFactory.Config> {

	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 200;

	private static final Logger log = LoggerFactory.getLogger(AuthenticateGatewayFilterFactory.class);

	static final String STAGE = "authenticate";

	/** Stage of decisions taken at the edge, before the credential is looked at. */
	static final String EDGE_STAGE = "edge";

	private final Authenticator authenticator;

	private final ErrorResponder responder;

	private final DecisionRecorder recorder;

	private final ClientAddress clientAddress;

	private final FailedAuthLimiter failedAuth;

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
		this.authenticator = authenticator;
		this.responder = responder;
		this.recorder = recorder;
		this.clientAddress = clientAddress;
		this.failedAuth = (clientAddress != null) ? failedAuth : null;
	}

	@Override
	public GatewayFilter apply(Config config) {
		PublicBaseUrl base = this.responder.publicBaseUrl();
		if (base == null) {
			// Never fall back to the request's Host for the challenge or the advertised resource.
			throw PublicBaseUrlRequirement.missing(String.valueOf(config.getRouteId()));
		}
		RouteSecurity route = config.toRouteSecurity().withPublicBaseUrl(base.value());
		String apiKeyHeader = this.authenticator.extractor().apiKeyHeader();
		GatewayFilter filter = new GatewayFilter() {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				return authenticate(exchange, chain, route, apiKeyHeader);
			}

			@Override
			public String toString() {
				return "Authenticate" + route;
			}
		};
		return new OrderedGatewayFilter(filter, ORDER);
	}

	private Mono<Void> authenticate(ServerWebExchange exchange, GatewayFilterChain chain, RouteSecurity route,
			String apiKeyHeader) {
		exchange.getAttributes().put(TollgateAttributes.ROUTE_SECURITY, route);
		DecisionRecorder.correlationId(exchange);
		Mono<Authenticator.Result> decision = this.authenticator.authenticate(exchange, route);
		if (this.failedAuth != null) {
			InetAddress client = this.clientAddress.of(exchange);
			RateLimited blocked = this.failedAuth.check(client);
			if (blocked != null && !this.authenticator.carriesRecentlyVerifiedToken(exchange)) {
				return this.responder.reject(exchange, route.routeId(), EDGE_STAGE, blocked);
			}
			decision = decision.doOnError(CallerFault.class, (fault) -> {
				if (fault.error() == CallerFault.BearerError.INVALID_TOKEN && this.failedAuth.recordFailure(client)) {
					// Once per address and window: the address (not a secret, and never a metric tag) for operators.
					log.atInfo()
						.addKeyValue("correlation_id", DecisionRecorder.correlationId(exchange))
						.addKeyValue("client_address", client.getHostAddress())
						.addKeyValue("limit", this.failedAuth.limit())
						.log("client address reached the failed-authentication limit");
				}
			});
		}
		return this.responder.decide(exchange, route.routeId(), STAGE, decision,
				result -> proceed(exchange, chain, route, apiKeyHeader, result));
	}

	private Mono<Void> proceed(ServerWebExchange exchange, GatewayFilterChain chain, RouteSecurity route,
			String apiKeyHeader, Authenticator.Result result) {
		exchange.getAttributes().put(TollgateAttributes.CALLER_IDENTITY, result.caller());
		exchange.getAttributes().put(TollgateAttributes.INBOUND_CREDENTIAL, result.credential());
		this.recorder.record(exchange, route.routeId(), STAGE, "allowed", result.caller().kind().tag());
		Map<String, String> responseHeaders = result.responseHeaders();
		if (!responseHeaders.isEmpty()) {
			exchange.getResponse().beforeCommit(() -> {
				HttpHeaders headers = exchange.getResponse().getHeaders();
				responseHeaders.forEach(headers::set);
				return Mono.empty();
			});
		}
		ServerWebExchange stripped = exchange.mutate()
			.request(r -> r.headers(h -> {
				h.remove(HttpHeaders.AUTHORIZATION);
				h.remove(apiKeyHeader);
			}))
			.build();
		return chain.filter(stripped);
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
