package dev.tollgate.filters.mcp.session;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Where {@code Mcp-Session-Id} bindings live: session id to the fingerprint of the caller that initialized it. A
 * narrow port, so the same contract tests run against memory and Redis. Session ids are never stored in clear:
 * implementations key by a hash of them.
 */
public interface McpSessionStore {

	/** Remember that {@code owner} initialized {@code sessionId} on the route, for {@code ttl}. */
	CompletionStage<Void> bind(String routeId, String sessionId, String owner, Duration ttl);

	/**
	 * The owner of the session, its lifetime renewed to {@code ttl}; completes with {@code null} for a session the
	 * store does not know (never bound, expired or forgotten).
	 */
	CompletionStage<String> owner(String routeId, String sessionId, Duration ttl);

	/** Forget the session (the client ended it with {@code DELETE}). */
	CompletionStage<Void> forget(String routeId, String sessionId);

	/** {@code memory} or {@code redis}, for metrics and logs. */
	String name();

}
