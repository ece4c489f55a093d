package dev.tollgate.filters.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.cloud.gateway.support.HasRouteId;

import dev.tollgate.filters.authn.AuthenticateGatewayFilterFactory;
import dev.tollgate.filters.core.RoutePolicy;
import dev.tollgate.filters.core.RouteSecurity;

/**
 * Arguments of the {@code Tollgate} filter, bound by Spring Cloud Gateway; {@link #toPolicy} turns them into the
 * route's immutable {@link RoutePolicy}. For {@code tollgate.routes} declarations they are derived from the
 * declaration.
 */
public class TollgateConfig implements HasRouteId {

	/** The route id; set by Spring Cloud Gateway. */
	private String routeId;

	/** Credential types accepted: {@code BEARER}, {@code API_KEY}. Empty: a public route that authenticates nobody. */
	private Set<RouteSecurity.Credential> credentials = new LinkedHashSet<>();

	/** The audience a bearer token must name in {@code aud}; required when bearer tokens are accepted. */
	private String audience;

	/** Scopes a caller must all hold. */
	private List<String> scopes = new ArrayList<>();

	/** Names of trusted issuers accepted on this route; empty means all. */
	private Set<String> issuers = new LinkedHashSet<>();

	/** Public path prefix of the route (its RFC 9728 resource and metadata path); default {@code /<route id>}. */
	private String resourcePath;

	/** Extra headers to strip on this route; {@code X-Internal-*} is a prefix. */
	private List<String> stripHeaders = new ArrayList<>();

	/** Public routes only: pass the caller's credential headers to the upstream, which authenticates callers. */
	private boolean forwardCredentials;

	/** Name of a rate-limit policy ({@code tollgate.rate-limit.policies.<name>}); unset: no limit. */
	private String rateLimit;

	/** Units one request costs; unset: the policy's own cost. */
	private Long rateLimitCost;

	/** STS profile ({@code tollgate.sts.<name>}) to exchange bearer tokens at; unset: the gateway mints. */
	private String exchange;

	/** {@code aud} of the upstream's token; default the route's audience. */
	private String upstreamAudience;

	/** RFC 8707 {@code resource} to request from the STS (exchange only). */
	private String upstreamResource;

	/** Scopes the upstream token carries, intersected with the caller's; default the route's scopes. */
	private List<String> upstreamScopes = new ArrayList<>();

	/** Remove the {@code Cookie} header before the request goes upstream. */
	private boolean removeCookies = true;

	/**
	 * What callers' tokens must be bound to: {@code NONE} (default; bound tokens still need their proof), {@code DPOP},
	 * {@code MTLS} or {@code ANY_BOUND}. API keys cannot meet a binding requirement.
	 */
	private RoutePolicy.Binding binding = RoutePolicy.Binding.NONE;

	/**
	 * With {@code exchange}: what the upstream gets for sender-constrained callers, {@code EXCHANGE} or {@code MINT}
	 * (a gateway-minted token with an {@code act} claim). Required when {@code binding} is not {@code NONE}.
	 */
	private RoutePolicy.BoundTokens upstreamForBoundTokens;

	/** CEL policy: a shared policy's name ({@code tollgate.policies.<name>}) or an inline expression; unset: none. */
	private String policy;

	/** {@code enforce} or {@code shadow}; unset: the shared policy's own mode, else enforce. */
	private String policyMode;

	/** Operator labels of the route, read by policies as {@code route.labels}. */
	private Map<String, String> labels = new LinkedHashMap<>();

	/** The route's policy; fails, naming the route and argument, on settings that contradict each other. */
	RoutePolicy toPolicy(AuthenticateGatewayFilterFactory authenticate) {
		if (this.routeId == null) {
			throw new IllegalArgumentException("Tollgate filter needs a route id");
		}
		if (this.credentials.isEmpty()) {
			requireUnset("scopes", this.scopes.isEmpty());
			requireUnset("rateLimit", this.rateLimit == null);
			requireUnset("exchange", this.exchange == null);
			requireUnset("binding", this.binding == RoutePolicy.Binding.NONE);
			requireUnset("policy", this.policy == null);
			return new RoutePolicy(this.routeId, null, this.stripHeaders, this.forwardCredentials, null, null);
		}
		if (this.forwardCredentials) {
			throw new IllegalArgumentException("route '" + this.routeId + "': Tollgate filter argument "
					+ "'forwardCredentials' is for public routes only; this route authenticates its callers");
		}
		if (this.binding.requiresBinding() && this.credentials.contains(RouteSecurity.Credential.API_KEY)) {
			throw new IllegalArgumentException("route '" + this.routeId + "': Tollgate filter argument 'binding' ("
					+ this.binding + ") cannot be met by API keys; remove API_KEY from 'credentials'");
		}
		if (this.binding.requiresBinding() && this.exchange != null && this.upstreamForBoundTokens == null) {
			throw new IllegalArgumentException("route '" + this.routeId + "': Tollgate filter argument "
					+ "'upstreamForBoundTokens' is required when a bound route exchanges tokens: EXCHANGE where the STS "
					+ "exchanges sender-constrained tokens for the gateway (Keycloak 26 refuses), MINT for a "
					+ "gateway-minted token with an act claim");
		}
		AuthenticateGatewayFilterFactory.Config authn = new AuthenticateGatewayFilterFactory.Config();
		authn.setRouteId(this.routeId);
		authn.setAudience(this.audience);
		authn.setScopes(this.scopes);
		authn.setCredentials(this.credentials);
		authn.setIssuers(this.issuers);
		authn.setResourcePath(this.resourcePath);
		RoutePolicy.RateLimit limit = (this.rateLimit != null)
				? new RoutePolicy.RateLimit(this.rateLimit, this.rateLimitCost) : null;
		RoutePolicy.Authorization authorization = (this.policy != null)
				? new RoutePolicy.Authorization(this.policy, this.policyMode, this.labels) : null;
		return new RoutePolicy(this.routeId, authenticate.routeSecurity(authn), this.stripHeaders, false, limit,
				new RoutePolicy.UpstreamToken(this.exchange, this.upstreamAudience, this.upstreamResource,
						this.upstreamScopes, this.removeCookies, this.upstreamForBoundTokens),
				this.binding, authorization);
	}

	private void requireUnset(String argument, boolean unset) {
		if (!unset) {
			throw new IllegalArgumentException("route '" + this.routeId + "': Tollgate filter argument '" + argument
					+ "' needs credentials (the route authenticates nobody)");
		}
	}

	@Override
	public void setRouteId(String routeId) {
		this.routeId = routeId;
	}

	@Override
	public String getRouteId() {
		return this.routeId;
	}

	public Set<RouteSecurity.Credential> getCredentials() {
		return this.credentials;
	}

	public void setCredentials(Set<RouteSecurity.Credential> credentials) {
		this.credentials = credentials;
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

	public List<String> getStripHeaders() {
		return this.stripHeaders;
	}

	public void setStripHeaders(List<String> stripHeaders) {
		this.stripHeaders = stripHeaders;
	}

	public boolean isForwardCredentials() {
		return this.forwardCredentials;
	}

	public void setForwardCredentials(boolean forwardCredentials) {
		this.forwardCredentials = forwardCredentials;
	}

	public String getRateLimit() {
		return this.rateLimit;
	}

	public void setRateLimit(String rateLimit) {
		this.rateLimit = rateLimit;
	}

	public Long getRateLimitCost() {
		return this.rateLimitCost;
	}

	public void setRateLimitCost(Long rateLimitCost) {
		this.rateLimitCost = rateLimitCost;
	}

	public String getExchange() {
		return this.exchange;
	}

	public void setExchange(String exchange) {
		this.exchange = exchange;
	}

	public String getUpstreamAudience() {
		return this.upstreamAudience;
	}

	public void setUpstreamAudience(String upstreamAudience) {
		this.upstreamAudience = upstreamAudience;
	}

	public String getUpstreamResource() {
		return this.upstreamResource;
	}

	public void setUpstreamResource(String upstreamResource) {
		this.upstreamResource = upstreamResource;
	}

	public List<String> getUpstreamScopes() {
		return this.upstreamScopes;
	}

	public void setUpstreamScopes(List<String> upstreamScopes) {
		this.upstreamScopes = upstreamScopes;
	}

	public boolean isRemoveCookies() {
		return this.removeCookies;
	}

	public void setRemoveCookies(boolean removeCookies) {
		this.removeCookies = removeCookies;
	}

	public RoutePolicy.Binding getBinding() {
		return this.binding;
	}

	public void setBinding(RoutePolicy.Binding binding) {
		this.binding = (binding != null) ? binding : RoutePolicy.Binding.NONE;
	}

	public RoutePolicy.BoundTokens getUpstreamForBoundTokens() {
		return this.upstreamForBoundTokens;
	}

	public void setUpstreamForBoundTokens(RoutePolicy.BoundTokens upstreamForBoundTokens) {
		this.upstreamForBoundTokens = upstreamForBoundTokens;
	}

	public String getPolicy() {
		return this.policy;
	}

	public void setPolicy(String policy) {
		this.policy = policy;
	}

	public String getPolicyMode() {
		return this.policyMode;
	}

	public void setPolicyMode(String policyMode) {
		this.policyMode = policyMode;
	}

	public Map<String, String> getLabels() {
		return this.labels;
	}

	public void setLabels(Map<String, String> labels) {
		this.labels = labels;
	}

	@Override
	public String toString() {
		return "TollgateConfig[routeId=" + this.routeId + ", credentials=" + this.credentials + ", audience="
				+ this.audience + ", scopes=" + this.scopes + ", rateLimit=" + this.rateLimit + ", exchange="
				+ this.exchange + ", binding=" + this.binding + "]";
	}

}
