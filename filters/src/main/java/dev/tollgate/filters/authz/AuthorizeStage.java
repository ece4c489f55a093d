package dev.tollgate.filters.authz;

import java.util.List;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.observe.DecisionRecorder;

/**
 * Stage 3: the authenticated caller must hold every scope the route requires, else 403 {@code insufficient_scope}
 * naming them (RFC 6750 §3.1). The audience was already checked when the token was validated: a token for another
 * audience is not valid here at all (401). Always decides now.
 */
public final class AuthorizeStage implements Stage {

	static final String STAGE = "authorize";

	private final List<String> configured;

	private final DecisionRecorder recorder;

	/** @param configured scopes to require; empty: the route's own */
	AuthorizeStage(List<String> configured, DecisionRecorder recorder) {
		this.configured = List.copyOf(configured);
		this.recorder = recorder;
	}

	@Override
	public String name() {
		return STAGE;
	}

	@Override
	public Answer<?> apply(Pass pass) {
		CallerIdentity caller = pass.caller();
		if (caller == null) {
			// Misconfiguration (Authorize without Authenticate before it): refuse rather than allow.
			throw CallerFault.missingCredential();
		}
		RouteSecurity route = pass.route();
		List<String> required = (this.configured.isEmpty() && route != null) ? route.scopes() : this.configured;
		if (!caller.hasAllScopes(required)) {
			throw CallerFault.insufficientScope(required);
		}
		this.recorder.record(pass.exchange(), pass.routeId(), STAGE, "allowed", "scopes_ok");
		return Answer.passed();
	}

	@Override
	public String toString() {
		return "Authorize[scopes=" + this.configured + "]";
	}

}
