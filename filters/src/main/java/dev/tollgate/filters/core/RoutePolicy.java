package dev.tollgate.filters.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;


/**
 * Everything a route demands, resolved once at startup from either the {@code tollgate.routes} declaration or the
 * arguments of a hand-written route's {@code Tollgate} filter: the one source of truth the route's stages are built
 * from.
 *
 * @param routeId the route id, used in metrics, logs and error answers
 * @param security who may call and how; {@code null} for a public route, which authenticates nobody
 * @param stripHeaders the route's extra headers to strip ({@code X-Internal-*} for a prefix)
 * @param forwardCredentials whether a public route passes the caller's credential headers to its upstream
 * @param rateLimit the per-client limit, or {@code null} for none
 * @param upstreamToken how the upstream's token is made; {@code null} exactly when {@code security} is
 * @param binding what the caller's token must be bound to (RFC 9449, RFC 8705); {@link Binding#NONE} by default
 * @param authorization the route's CEL policy, or {@code null} for none
 */
public record RoutePolicy(String routeId, RouteSecurity security, List<String> stripHeaders,
		boolean forwardCredentials, RateLimit rateLimit, UpstreamToken upstreamToken, Binding binding,
		Authorization authorization) {

	public RoutePolicy {
		Objects.requireNonNull(routeId, "routeId");
		stripHeaders = List.copyOf(stripHeaders);
		binding = (binding != null) ? binding : Binding.NONE;
	}

	/**
	 * A route that requires no sender-constrained token (bound tokens still need their proof) and has no CEL
	 * policy.
	 */
	public RoutePolicy(String routeId, RouteSecurity security, List<String> stripHeaders, boolean forwardCredentials,
			RateLimit rateLimit, UpstreamToken upstreamToken) {
		this(routeId, security, stripHeaders, forwardCredentials, rateLimit, upstreamToken, Binding.NONE, null);
	}

	/** A route with a binding requirement and no CEL policy. */
	public RoutePolicy(String routeId, RouteSecurity security, List<String> stripHeaders, boolean forwardCredentials,
			RateLimit rateLimit, UpstreamToken upstreamToken, Binding binding) {
		this(routeId, security, stripHeaders, forwardCredentials, rateLimit, upstreamToken, binding, null);
	}

	/**
	 * What a route's callers must prove they hold besides the token. Whatever the setting, a token that is bound
	 * ({@code cnf}) is accepted only with its proof (RFC 9449 §7.1, RFC 8705 §3).
	 */
	public enum Binding {

		/** Bearer tokens are accepted; bound tokens need their proof. */
		NONE,
		/** Only DPoP-bound tokens ({@code cnf.jkt}) with a valid {@code DPoP} proof (RFC 9449). */
		DPOP,
		/** Only certificate-bound tokens ({@code cnf.x5t#S256}) from the matching client certificate (RFC 8705). */
		MTLS,
		/** Either of the above; unbound tokens are refused. */
		ANY_BOUND;

		/** Whether unbound tokens are refused. */
		public boolean requiresBinding() {
			return this != NONE;
		}

		/** Whether a DPoP-bound token meets this requirement. */
		public boolean acceptsDpop() {
			return this != MTLS;
		}

		/** Whether a certificate-bound token meets this requirement. */
		public boolean acceptsMtls() {
			return this != DPOP;
		}

	}

	/**
	 * A route's CEL policy ({@code docs/policies.md}).
	 *
	 * @param policy the name of a shared policy ({@code tollgate.policies.<name>}) or an inline expression
	 * @param mode {@code enforce} or {@code shadow}; {@code null}: the shared policy's mode, or enforce
	 * @param labels the route's operator labels, which policies read as {@code route.labels}
	 */
	public record Authorization(String policy, String mode, Map<String, String> labels) {

		public Authorization {
			Objects.requireNonNull(policy, "policy");
			labels = (labels != null) ? Map.copyOf(labels) : Map.of();
		}

	}

	/** Whether callers must authenticate on this route. */
	public boolean authenticates() {
		return this.security != null;
	}

	/**
	 * A route's per-client rate limit.
	 *
	 * @param policy name of a policy under {@code tollgate.rate-limit.policies}
	 * @param cost units a request costs; {@code null}: the policy's own cost
	 */
	public record RateLimit(String policy, Long cost) {

		public RateLimit {
			Objects.requireNonNull(policy, "policy");
		}

	}

	/**
	 * How the upstream's token is made.
	 *
	 * @param exchange STS profile to exchange bearer tokens at ({@code tollgate.sts.<name>}); {@code null}: mint
	 * @param audience {@code aud} of the upstream's token; {@code null}: the route's audience
	 * @param resource RFC 8707 {@code resource} to request from the STS, or {@code null}
	 * @param scopes scopes the upstream token carries, intersected with the caller's; empty: the route's
	 * @param removeCookies whether the {@code Cookie} header is removed too
	 * @param boundTokens what the upstream gets when the caller's token is sender-constrained and {@code exchange}
	 * is set; {@code null}: exchange (required to be chosen on routes whose {@code binding} is not {@code NONE})
	 */
	public record UpstreamToken(String exchange, String audience, String resource, List<String> scopes,
			boolean removeCookies, BoundTokens boundTokens) {

		public UpstreamToken {
			scopes = List.copyOf(scopes);
		}

		/** No choice made for sender-constrained callers: they are exchanged like bearer callers. */
		public UpstreamToken(String exchange, String audience, String resource, List<String> scopes,
				boolean removeCookies) {
			this(exchange, audience, resource, scopes, removeCookies, null);
		}

	}

	/**
	 * What the upstream of a route with an STS profile gets for a caller whose token is sender-constrained (DPoP or
	 * certificate-bound). Either way the caller's own token never reaches the upstream.
	 */
	public enum BoundTokens {

		/**
		 * RFC 8693 exchange at the route's STS profile, where the STS exchanges sender-constrained tokens for the
		 * gateway (Spring Authorization Server does; Keycloak 26 refuses with 400 for any client but the token's).
		 */
		EXCHANGE,
		/** A gateway-minted token with the caller's identity and an RFC 8693 {@code act} claim naming the gateway. */
		MINT

	}

}
