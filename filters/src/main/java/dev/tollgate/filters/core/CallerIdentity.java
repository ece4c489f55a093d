package dev.tollgate.filters.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, established once by the authenticate stage and read by every later stage.
 * Never carries a credential value, so it is safe to log.
 *
 * @param clientId the OAuth client (or the client an API key is mapped to); the rate-limit key
 * @param subject the token's {@code sub}, or the client id when there is none
 * @param scopes the caller's granted scopes (for API keys: already narrowed to the route)
 * @param kind how the caller authenticated
 * @param issuer the trusted issuer's name for bearer callers, {@code null} for API keys
 * @param expiresAt when the credential stops being valid, {@code null} when it has no expiry
 * @param keyId the API key's id for API-key callers, else {@code null}
 * @param confirmation what the token is bound to ({@code cnf}, RFC 7800); {@link Confirmation#NONE} for bearer
 * tokens and API keys
 */
public record CallerIdentity(String clientId, String subject, Set<String> scopes, CredentialKind kind,
		String issuer, Instant expiresAt, String keyId, Confirmation confirmation) {

	public CallerIdentity {
		Objects.requireNonNull(clientId, "clientId");
		Objects.requireNonNull(kind, "kind");
		subject = (subject != null) ? subject : clientId;
		scopes = Set.copyOf(scopes);
		confirmation = (confirmation != null) ? confirmation : Confirmation.NONE;
	}

	/** A caller whose credential is bound to nothing. */
	public CallerIdentity(String clientId, String subject, Set<String> scopes, CredentialKind kind, String issuer,
			Instant expiresAt, String keyId) {
		this(clientId, subject, scopes, kind, issuer, expiresAt, keyId, Confirmation.NONE);
	}

	/** True when every scope in {@code required} was granted. */
	public boolean hasAllScopes(Iterable<String> required) {
		for (String scope : required) {
			if (!this.scopes.contains(scope)) {
				return false;
			}
		}
		return true;
	}

}
