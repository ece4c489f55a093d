package dev.tollgate.filters.authn;

import dev.tollgate.filters.core.CallerIdentity;

/** Told of every successful authentication, off the response path (e.g. usage tracking for migration reports). */
@FunctionalInterface
public interface AuthenticationListener {

	/** Must not block and must not throw; called on the request's thread. */
	void onAuthenticated(String routeId, CallerIdentity caller);

}
