package dev.tollgate.filters.core;

import org.springframework.core.Ordered;

/**
 * Where each stage runs among a route's filters when the stages are used one by one; the one-filter pipeline runs
 * at {@link #STRIP}. Ahead of every ordinary route filter, in pipeline order.
 */
public final class PipelineOrder {

	/** Strip the route's headers; also where the {@code Tollgate} filter runs. */
	public static final int STRIP = Ordered.HIGHEST_PRECEDENCE + 100;

	public static final int AUTHENTICATE = Ordered.HIGHEST_PRECEDENCE + 200;

	/** Right after authenticate: the token's binding (DPoP proof, client certificate), while the proof is there. */
	public static final int BINDING = AUTHENTICATE + 1;

	/** Right after authenticate and binding: remove credentials the upstream must not see. */
	public static final int CREDENTIAL_HEADERS = AUTHENTICATE + 2;

	public static final int AUTHORIZE = Ordered.HIGHEST_PRECEDENCE + 300;

	/** After authorize, before the upstream token, so refused requests never cost a token exchange. */
	public static final int RATE_LIMIT = Ordered.HIGHEST_PRECEDENCE + 400;

	public static final int UPSTREAM_TOKEN = Ordered.HIGHEST_PRECEDENCE + 500;

	private PipelineOrder() {
	}

}
