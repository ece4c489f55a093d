package dev.tollgate.apikeys.report;

import java.time.Instant;
import java.util.List;

import dev.tollgate.apikeys.phase.Phase;

/**
 * One client's migration status.
 *
 * @param clientId the client
 * @param owners owners of its keys, comma-separated
 * @param activeKeys keys that still work
 * @param keyCalls calls made with keys over the report's period
 * @param oauthCalls calls made with OAuth over the period
 * @param lastKeyUse last accepted use of any of its keys, {@code null} for never
 * @param phase strictest phase among its working keys ({@code null} when none works)
 * @param sunset earliest sunset among its working keys, {@code null} when none is set
 * @param keysThatCanGo ids of keys unused for the period while the client called only with OAuth
 */
public record ClientRow(String clientId, String owners, int activeKeys, long keyCalls, long oauthCalls,
		Instant lastKeyUse, Phase phase, Instant sunset, List<String> keysThatCanGo) {

	public ClientRow {
		keysThatCanGo = List.copyOf(keysThatCanGo);
	}

	/** Share of the client's calls made with keys, 0 to 1 (0 without traffic). */
	public double keyShare() {
		long total = this.keyCalls + this.oauthCalls;
		return (total == 0) ? 0.0 : (double) this.keyCalls / total;
	}

	/** {@code migrated}, {@code migrating}, {@code on-keys} or {@code idle}. */
	public String status() {
		if (this.keyCalls == 0) {
			return (this.oauthCalls > 0) ? "migrated" : "idle";
		}
		return (this.oauthCalls > 0) ? "migrating" : "on-keys";
	}

}
