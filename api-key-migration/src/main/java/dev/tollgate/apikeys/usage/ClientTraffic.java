package dev.tollgate.apikeys.usage;

/**
 * A client's calls over a period, by how they authenticated.
 *
 * @param clientId the client
 * @param keyCalls calls made with an API key (accepted or refused by a phase)
 * @param oauthCalls calls made with an OAuth token
 */
public record ClientTraffic(String clientId, long keyCalls, long oauthCalls) {

	public long total() {
		return this.keyCalls + this.oauthCalls;
	}

	/** Share of calls made with keys, 0 to 1; 0 when there was no traffic. */
	public double keyShare() {
		return (total() == 0) ? 0.0 : (double) this.keyCalls / total();
	}

	/** True when the client called, and only with OAuth. */
	public boolean fullyOnOAuth() {
		return this.keyCalls == 0 && this.oauthCalls > 0;
	}

}
