package dev.tollgate.filters.authn.apikey;

import dev.tollgate.apikeys.usage.UsageRecorder;
import dev.tollgate.filters.authn.AuthenticationListener;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;

/**
 * Counts OAuth calls per client for the migration report (key calls are counted by the key authenticator itself),
 * so a team sees its share of calls still made with keys. Only merges into an in-memory map: no I/O here.
 */
public final class OAuthUsageListener implements AuthenticationListener {

	private final UsageRecorder usage;

	public OAuthUsageListener(UsageRecorder usage) {
		this.usage = usage;
	}

	@Override
	public void onAuthenticated(String routeId, CallerIdentity caller) {
		if (caller.kind() != CredentialKind.API_KEY) {
			this.usage.recordOAuthCall(caller.clientId(), routeId);
		}
	}

}
