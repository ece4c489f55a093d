package dev.tollgate.filters.core;

/**
 * One step of a route's pipeline (strip, authenticate, authorize, rate-limit, upstream token). A stage is built once
 * per route with its settings resolved, and decides each request through the request's {@link Pass}.
 */
public interface Stage {

	/** Stage name in decisions, metrics and logs, e.g. {@code authenticate}. */
	String name();

	/**
	 * Decide one request: {@link Answer#passed()} (or any ready answer) to go on now, a later answer to go on when it
	 * emits, a refused answer (or a thrown {@link dev.tollgate.filters.core.Rejection}) to answer the caller.
	 * Anything else thrown is a bug and fails closed as 503.
	 */
	Answer<?> apply(Pass pass);

}
