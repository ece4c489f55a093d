package dev.tollgate.routes;

import java.util.ArrayList;
import java.util.List;

import dev.tollgate.filters.edge.PathRelaxations;

/**
 * One route an operator declares under {@code tollgate.routes[]}. Every declared route runs the whole pipeline:
 * strip headers, authenticate, authorize, rate-limit, upstream token. Durations, dates and names are kept as text
 * here and checked by {@link RouteDeclarationValidator}, so a mistake is reported with the route's id.
 */
public class RouteDeclaration {

	/** Unique route id; appears in metrics, logs and error answers. Required. */
	private String id;

	/** Ant-style path pattern(s) the route serves, e.g. {@code /orders/**}. Required. */
	private List<String> path = new ArrayList<>();

	/**
	 * HTTP methods the route serves; empty means all. {@code GET} includes {@code HEAD}. Any other method on the
	 * route's paths is answered 405 with {@code Allow}, unless another declared route with the same path pattern
	 * accepts it; it never falls through to a later route.
	 */
	private List<String> methods = new ArrayList<>();

	/** The upstream's base URI, e.g. {@code http://orders.internal:8080}. Required. */
	private String upstream;

	/** Number of leading path segments to remove before forwarding ({@code StripPrefix}); default 0. */
	private int stripPrefix;

	/**
	 * The audience a caller's token must name in {@code aud} (RFC 9068 §4); also the default {@code aud} of the
	 * upstream token. Required on every route that authenticates. Tokens naming the route's RFC 9728 resource
	 * ({@code tollgate.gateway.public-base-url} + the path before the first wildcard, what RFC 9728/RFC 8707 agents
	 * ask for) are accepted too, so this may be an IdP's API identifier such as {@code api://orders}.
	 */
	private String audience;

	/** Scopes a caller must all hold; missing one is 403 {@code insufficient_scope}. */
	private List<String> scopes = new ArrayList<>();

	/** Credentials accepted: {@code bearer}, {@code api-key}. Default {@code [bearer]}. */
	private List<String> credentials = new ArrayList<>(List.of("bearer"));

	/** Names of trusted issuers ({@code tollgate.issuers[].name}) accepted here; empty means every issuer. */
	private List<String> issuers = new ArrayList<>();

	/** Per-route API-key migration settings; only for routes that accept {@code api-key}. */
	private ApiKeys apiKeys = new ApiKeys();

	/** Name of a rate-limit policy ({@code tollgate.rate-limit.policies}); unset: no rate limit. */
	private String rateLimit;

	/**
	 * Tokens one request costs from the caller's bucket; heavy tool calls can cost more. Unset: the policy's
	 * {@code cost} ({@code tollgate.rate-limit.policies.<name>.cost}, itself 1 by default).
	 */
	private Integer rateLimitCost;

	/** What the upstream receives instead of the caller's credential. */
	private UpstreamToken upstreamToken = new UpstreamToken();

	/**
	 * Further inbound headers to strip on this route, besides the gateway-wide list; any case and {@code _}/{@code -}
	 * spelling, {@code X-Internal-*} for a prefix.
	 */
	private List<String> stripHeaders = new ArrayList<>();

	/**
	 * Forward the caller's {@code Authorization}, {@code Cookie} and API-key header to the upstream, for a public
	 * route (no {@code credentials}) whose upstream authenticates callers itself. Default {@code false}: on every
	 * route the upstream never sees a caller's credential. Identity headers are stripped either way.
	 */
	private boolean forwardCredentials;

	/** Path rules of the edge firewall this route relaxes; default none (strict). */
	private Firewall firewall = new Firewall();

	/**
	 * Per-route relaxations of the edge firewall ({@code tollgate.gateway.firewall.*} holds the gateway-wide ones).
	 * A relaxation applies only to requests this route would serve, both as routing sees the path and with
	 * everything decoded; anything else stays strict. Enable one only for an upstream that really needs it: the
	 * upstream then receives what the gateway normally refuses, and must not give it a meaning that reaches
	 * resources other routes protect.
	 */
	public static class Firewall {

		/** Allow {@code %2F} (an encoded slash inside a segment) on this route's paths. */
		private boolean allowEncodedSlash;

		/** Allow {@code ;} path parameters on this route's paths. */
		private boolean allowSemicolon;

		/** Allow {@code %25} (an encoded percent) on this route's paths. */
		private boolean allowEncodedPercent;

		/** Allow {@code %2E} on this route's paths; dot segments stay rejected after decoding. */
		private boolean allowEncodedPeriod;

		/** Allow {@code \} and {@code %5C} on this route's paths. */
		private boolean allowBackslash;

		public PathRelaxations relaxations() {
			return new PathRelaxations(this.allowEncodedSlash, this.allowSemicolon, this.allowEncodedPercent,
					this.allowEncodedPeriod, this.allowBackslash);
		}

		public boolean isAllowEncodedSlash() {
			return this.allowEncodedSlash;
		}

		public void setAllowEncodedSlash(boolean allowEncodedSlash) {
			this.allowEncodedSlash = allowEncodedSlash;
		}

		public boolean isAllowSemicolon() {
			return this.allowSemicolon;
		}

		public void setAllowSemicolon(boolean allowSemicolon) {
			this.allowSemicolon = allowSemicolon;
		}

		public boolean isAllowEncodedPercent() {
			return this.allowEncodedPercent;
		}

		public void setAllowEncodedPercent(boolean allowEncodedPercent) {
			this.allowEncodedPercent = allowEncodedPercent;
		}

		public boolean isAllowEncodedPeriod() {
			return this.allowEncodedPeriod;
		}

		public void setAllowEncodedPeriod(boolean allowEncodedPeriod) {
			this.allowEncodedPeriod = allowEncodedPeriod;
		}

		public boolean isAllowBackslash() {
			return this.allowBackslash;
		}

		public void setAllowBackslash(boolean allowBackslash) {
			this.allowBackslash = allowBackslash;
		}

	}

	/** Per-route API-key phase (RFC 9745 deprecation, RFC 8594 sunset). */
	public static class ApiKeys {

		/** {@code allow}, {@code warn}, {@code brownout} or {@code reject}; the stricter of key and route wins. */
		private String phase = "allow";

		/** ISO-8601 instant after which keys are rejected on this route, e.g. {@code 2027-03-31T00:00:00Z}. */
		private String sunset;

		/**
		 * Brownout windows during which keys are rejected (phase {@code brownout}), each
		 * {@code <ISO-8601 start>/<ISO-8601 duration>}, e.g. {@code 2027-01-15T10:00:00Z/PT1H}.
		 */
		private List<String> brownouts = new ArrayList<>();

		public String getPhase() {
			return this.phase;
		}

		public void setPhase(String phase) {
			this.phase = phase;
		}

		public String getSunset() {
			return this.sunset;
		}

		public void setSunset(String sunset) {
			this.sunset = sunset;
		}

		public List<String> getBrownouts() {
			return this.brownouts;
		}

		public void setBrownouts(List<String> brownouts) {
			this.brownouts = brownouts;
		}

	}

	/** The upstream token: minted by the gateway, or exchanged at an STS (RFC 8693). */
	public static class UpstreamToken {

		/** STS profile name ({@code tollgate.sts.<name>}) for bearer callers; unset: the gateway mints. */
		private String exchange;

		/** {@code aud} of the upstream token; default the route's audience. */
		private String audience;

		/** RFC 8707 {@code resource} to request at the STS. */
		private String resource;

		/** Scopes of the upstream token (never more than the caller holds); default the route's scopes. */
		private List<String> scopes = new ArrayList<>();

		public String getExchange() {
			return this.exchange;
		}

		public void setExchange(String exchange) {
			this.exchange = exchange;
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

	}

	public String getId() {
		return this.id;
	}

	public void setId(String id) {
		this.id = id;
	}

	public List<String> getPath() {
		return this.path;
	}

	public void setPath(List<String> path) {
		this.path = path;
	}

	public List<String> getMethods() {
		return this.methods;
	}

	public void setMethods(List<String> methods) {
		this.methods = methods;
	}

	public String getUpstream() {
		return this.upstream;
	}

	public void setUpstream(String upstream) {
		this.upstream = upstream;
	}

	public int getStripPrefix() {
		return this.stripPrefix;
	}

	public void setStripPrefix(int stripPrefix) {
		this.stripPrefix = stripPrefix;
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

	public List<String> getCredentials() {
		return this.credentials;
	}

	public void setCredentials(List<String> credentials) {
		this.credentials = credentials;
	}

	public List<String> getIssuers() {
		return this.issuers;
	}

	public void setIssuers(List<String> issuers) {
		this.issuers = issuers;
	}

	public ApiKeys getApiKeys() {
		return this.apiKeys;
	}

	public void setApiKeys(ApiKeys apiKeys) {
		this.apiKeys = apiKeys;
	}

	public String getRateLimit() {
		return this.rateLimit;
	}

	public void setRateLimit(String rateLimit) {
		this.rateLimit = rateLimit;
	}

	public Integer getRateLimitCost() {
		return this.rateLimitCost;
	}

	public void setRateLimitCost(Integer rateLimitCost) {
		this.rateLimitCost = rateLimitCost;
	}

	public UpstreamToken getUpstreamToken() {
		return this.upstreamToken;
	}

	public void setUpstreamToken(UpstreamToken upstreamToken) {
		this.upstreamToken = upstreamToken;
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

	public Firewall getFirewall() {
		return this.firewall;
	}

	public void setFirewall(Firewall firewall) {
		this.firewall = firewall;
	}

}
