package dev.tollgate.filters.core;

/** Exchange attribute names shared by the pipeline stages; each stage reads what an earlier one left. */
public final class TollgateAttributes {

	/** The {@link dev.tollgate.filters.core.CallerIdentity} set by the authenticate stage. */
	public static final String CALLER_IDENTITY = "tollgate.callerIdentity";

	/** The {@link dev.tollgate.filters.core.InboundCredential} the caller presented. */
	public static final String INBOUND_CREDENTIAL = "tollgate.inboundCredential";

	/** The {@link dev.tollgate.filters.core.RouteSecurity} of the route being served. */
	public static final String ROUTE_SECURITY = "tollgate.routeSecurity";

	/** The correlation id (String) of this request, also returned in {@code X-Correlation-Id}. */
	public static final String CORRELATION_ID = "tollgate.correlationId";

	/** The W3C trace id (String, 32 hex digits) of this request's decision span; set only when tracing is on. */
	public static final String TRACE_ID = "tollgate.traceId";

	/**
	 * {@code Boolean.TRUE} when the route forwards the caller's credential headers to its upstream (public routes
	 * only); set by the {@code ForwardCredentials} filter, read by
	 * {@link dev.tollgate.filters.strip.CredentialHeadersFilter}.
	 */
	public static final String FORWARD_CREDENTIALS = "tollgate.forwardCredentials";

	/**
	 * The route's bare {@code WWW-Authenticate: DPoP} challenge (String), on routes that take DPoP-bound tokens; the
	 * error answers send it alongside the Bearer challenge (RFC 9449 §7.1).
	 */
	public static final String DPOP_CHALLENGE = "tollgate.dpopChallenge";

	/**
	 * The kind of the upstream's token (String), for the audit trail: {@code minted} (by the gateway, for API-key
	 * callers), {@code exchanged} (at the STS for this request) or {@code cached} (an exchanged token reused).
	 */
	public static final String UPSTREAM_TOKEN = "tollgate.upstreamToken";

	private TollgateAttributes() {
	}

}
