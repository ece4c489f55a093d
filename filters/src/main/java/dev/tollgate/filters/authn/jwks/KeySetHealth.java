package dev.tollgate.filters.authn.jwks;

import java.time.Instant;

/**
 * One issuer's keys as health sees them.
 *
 * @param current the key set in use, or {@code null} before the first successful fetch
 * @param lastFailure the last failed fetch, or {@code null} if none failed
 */
public record KeySetHealth(KeySet current, Failure lastFailure) {

	/**
	 * A failed fetch.
	 *
	 * @param reason bounded reason, as in the {@code tollgate.jwks.failures} metric
	 * @param at when it failed
	 */
	public record Failure(String reason, Instant at) {
	}

	/** Tokens of this issuer can be verified: some key set was fetched. */
	public boolean usable() {
		return this.current != null;
	}

}
