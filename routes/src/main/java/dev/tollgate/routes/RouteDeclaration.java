package dev.tollgate.routes;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.tollgate.filters.edge.PathRelaxations;
import dev.tollgate.filters.mcp.McpSettings;

/**
 * One route an operator declares under {@code tollgate.routes[]}. Every declared route runs the whole pipeline:
 * strip headers, authenticate, authorize, rate-limit, upstream token. Durations, dates and names are kept as text
 * here and checked by {@link RouteDeclarationValidator}, so a mistake is reported with the route's id.
 *
 * @param id Unique route id; appears in metrics, logs and error answers. Required.
 * @param path Ant-style path pattern(s) the route serves, e.g. {@code /orders/**}. Required.
 * @param methods HTTP methods the route serves; empty means all. {@code GET} includes {@code HEAD}. Any other method
 * on the route's paths is answered 405 with {@code Allow}, unless another declared route with the same path pattern
 * accepts it; it never falls through to a later route.
 * @param upstream The upstream's base URI, e.g. {@code http://orders.internal:8080}. Required.
 * @param stripPrefix Number of leading path segments to remove before forwarding ({@code StripPrefix}); default 0.
 * @param audience The audience a caller's token must name in {@code aud} (RFC 9068 §4); also the default
 * {@code aud} of the upstream token. Required on every route that authenticates. Tokens naming the route's RFC 9728
 * resource ({@code tollgate.gateway.public-base-url} + the path before the first wildcard, what RFC 9728/RFC 8707
 * agents ask for) are accepted too, so this may be an IdP's API identifier such as {@code api://orders}.
 * @param scopes Scopes a caller must all hold; missing one is 403 {@code insufficient_scope}.
 * @param credentials Credentials accepted: {@code bearer}, {@code api-key}. Default {@code [bearer]}.
 * @param issuers Names of trusted issuers ({@code tollgate.issuers[].name}) accepted here; empty means every issuer.
 * @param apiKeys Per-route API-key migration settings; only for routes that accept {@code api-key}.
 * @param rateLimit Name of a rate-limit policy ({@code tollgate.rate-limit.policies}); unset: no rate limit.
 * @param rateLimitCost Tokens one request costs from the caller's bucket; heavy tool calls can cost more. Unset: the
 * policy's {@code cost} ({@code tollgate.rate-limit.policies.<name>.cost}, itself 1 by default).
 * @param upstreamToken What the upstream receives instead of the caller's credential.
 * @param stripHeaders Further inbound headers to strip on this route, besides the gateway-wide list; any case and
 * {@code _}/{@code -} spelling, {@code X-Internal-*} for a prefix.
 * @param forwardCredentials Forward the caller's {@code Authorization}, {@code Cookie} and API-key header to the
 * upstream, for a public route (no {@code credentials}) whose upstream authenticates callers itself. Default
 * {@code false}: on every route the upstream never sees a caller's credential. Identity headers are stripped either
 * way.
 * @param firewall Path rules of the edge firewall this route relaxes; default none (strict).
 * @param mcp The route fronts an MCP server (Streamable HTTP transport): per-tool scopes and rate limits, filtered
 * {@code tools/list}, sessions bound to their caller. Unset: a plain HTTP route. See {@code docs/mcp.md}.
 * @param binding Sender-constrained tokens this route requires: {@code none} (the default), {@code dpop} (RFC 9449),
 * {@code mtls} (RFC 8705) or {@code any-bound} (either). Even on {@code none}, a bound token (one with {@code cnf})
 * is accepted only with its DPoP proof or client certificate. API keys cannot meet a binding, so a route that
 * requires one must not accept {@code api-key}. See docs/sender-constrained-tokens.md.
 * @param policy CEL policy checked after the scopes: the name of a shared policy ({@code tollgate.policies.<name>})
 * or an inline expression of type {@code bool}, e.g. {@code caller.claims.tenant == request.path_vars.tenant}.
 * Compiled at startup; see docs/policies.md. Unset: no policy.
 * @param policyMode {@code enforce} or {@code shadow}; unset: the shared policy's mode, or enforce for an inline one.
 * @param labels Operator labels of the route (e.g. {@code tier: internal}), which policies read as
 * {@code route.labels}.
 */
public record RouteDeclaration(String id, @DefaultValue List<String> path, @DefaultValue List<String> methods,
		String upstream, int stripPrefix, String audience, @DefaultValue List<String> scopes,
		@DefaultValue("bearer") List<String> credentials, @DefaultValue List<String> issuers,
		@DefaultValue ApiKeys apiKeys, String rateLimit, Integer rateLimitCost,
		@DefaultValue UpstreamToken upstreamToken, @DefaultValue List<String> stripHeaders, boolean forwardCredentials,
		@DefaultValue Firewall firewall, McpSettings mcp, @DefaultValue("none") String binding, String policy,
		String policyMode, @DefaultValue Map<String, String> labels) {

	public RouteDeclaration {
		path = (path != null) ? List.copyOf(path) : List.of();
		methods = (methods != null) ? List.copyOf(methods) : List.of();
		scopes = (scopes != null) ? List.copyOf(scopes) : List.of();
		credentials = (credentials != null) ? List.copyOf(credentials) : List.of();
		issuers = (issuers != null) ? List.copyOf(issuers) : List.of();
		stripHeaders = (stripHeaders != null) ? List.copyOf(stripHeaders) : List.of();
		labels = (labels != null) ? Map.copyOf(labels) : Map.of();
	}

	/**
	 * Per-route relaxations of the edge firewall ({@code tollgate.gateway.firewall.*} holds the gateway-wide ones).
	 * A relaxation applies only to requests this route would serve, both as routing sees the path and with
	 * everything decoded; anything else stays strict. Enable one only for an upstream that really needs it: the
	 * upstream then receives what the gateway normally refuses, and must not give it a meaning that reaches
	 * resources other routes protect.
	 *
	 * @param allowEncodedSlash Allow {@code %2F} (an encoded slash inside a segment) on this route's paths.
	 * @param allowSemicolon Allow {@code ;} path parameters on this route's paths.
	 * @param allowEncodedPercent Allow {@code %25} (an encoded percent) on this route's paths.
	 * @param allowEncodedPeriod Allow {@code %2E} on this route's paths; dot segments stay rejected after decoding.
	 * @param allowBackslash Allow {@code \} and {@code %5C} on this route's paths.
	 */
	public record Firewall(boolean allowEncodedSlash, boolean allowSemicolon, boolean allowEncodedPercent,
			boolean allowEncodedPeriod, boolean allowBackslash) {

		public PathRelaxations relaxations() {
			return new PathRelaxations(this.allowEncodedSlash, this.allowSemicolon, this.allowEncodedPercent,
					this.allowEncodedPeriod, this.allowBackslash);
		}

	}

	/**
	 * Per-route API-key phase (RFC 9745 deprecation, RFC 8594 sunset).
	 *
	 * @param phase {@code allow}, {@code warn}, {@code brownout} or {@code reject}; the stricter of key and route
	 * wins.
	 * @param sunset ISO-8601 instant after which keys are rejected on this route, e.g. {@code 2027-03-31T00:00:00Z}.
	 * @param brownouts Brownout windows during which keys are rejected (phase {@code brownout}), each
	 * {@code <ISO-8601 start>/<ISO-8601 duration>}, e.g. {@code 2027-01-15T10:00:00Z/PT1H}.
	 */
	public record ApiKeys(@DefaultValue("allow") String phase, String sunset, @DefaultValue List<String> brownouts) {

		public ApiKeys {
			brownouts = (brownouts != null) ? List.copyOf(brownouts) : List.of();
		}

	}

	/**
	 * The upstream token: minted by the gateway, or exchanged at an STS (RFC 8693).
	 *
	 * @param exchange STS profile name ({@code tollgate.sts.<name>}) for bearer callers; unset: the gateway mints.
	 * @param audience {@code aud} of the upstream token; default the route's audience.
	 * @param resource RFC 8707 {@code resource} to request at the STS.
	 * @param scopes Scopes of the upstream token (never more than the caller holds); default the route's scopes.
	 * @param boundTokens With {@code exchange}: what the upstream gets for callers with sender-constrained (DPoP or
	 * certificate-bound) tokens: {@code exchange} where the STS exchanges them for the gateway (Spring Authorization
	 * Server does; Keycloak 26 answers 400), or {@code mint} for a gateway-minted token with the caller's identity
	 * and an {@code act} claim. Required on routes whose {@code binding} is not {@code none}; unset elsewhere:
	 * {@code exchange}. The caller's own token never reaches the upstream either way.
	 */
	public record UpstreamToken(String exchange, String audience, String resource,
			@DefaultValue List<String> scopes, String boundTokens) {

		public UpstreamToken {
			scopes = (scopes != null) ? List.copyOf(scopes) : List.of();
		}

	}

}
