package dev.tollgate.filters.core;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
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
 * @param claims the token's claims (or the introspection answer's members) for bearer callers, read by route
 * policies; empty for API keys. Claims are never credentials, but may be personal data: log none of them.
 * @param keyLabels the API key's operator labels, read by route policies as {@code caller.key_labels}; empty for
 * bearer callers
 */
public record CallerIdentity(String clientId, String subject, Set<String> scopes, CredentialKind kind,
		String issuer, Instant expiresAt, String keyId, Confirmation confirmation, Map<String, Object> claims,
		Map<String, String> keyLabels) {

	public CallerIdentity {
		Objects.requireNonNull(clientId, "clientId");
		Objects.requireNonNull(kind, "kind");
		subject = (subject != null) ? subject : clientId;
		scopes = Set.copyOf(scopes);
		confirmation = (confirmation != null) ? confirmation : Confirmation.NONE;
		claims = (claims != null) ? Collections.unmodifiableMap(claims) : Map.of();
		keyLabels = (keyLabels != null) ? Map.copyOf(keyLabels) : Map.of();
	}

	/** A caller whose credential is bound to nothing, without claims (API keys, tests). */
	public CallerIdentity(String clientId, String subject, Set<String> scopes, CredentialKind kind, String issuer,
			Instant expiresAt, String keyId) {
		this(clientId, subject, scopes, kind, issuer, expiresAt, keyId, Confirmation.NONE, Map.of(), Map.of());
	}

	/** A caller whose credential is bound to {@code confirmation}, without claims. */
	public CallerIdentity(String clientId, String subject, Set<String> scopes, CredentialKind kind, String issuer,
			Instant expiresAt, String keyId, Confirmation confirmation) {
		this(clientId, subject, scopes, kind, issuer, expiresAt, keyId, confirmation, Map.of(), Map.of());
	}

	/** A caller bound to nothing, with the token's claims. */
	public CallerIdentity(String clientId, String subject, Set<String> scopes, CredentialKind kind, String issuer,
			Instant expiresAt, String keyId, Map<String, Object> claims) {
		this(clientId, subject, scopes, kind, issuer, expiresAt, keyId, Confirmation.NONE, claims, Map.of());
	}

	/** A token's caller: bound as {@code confirmation}, with its claims, no key labels. */
	public CallerIdentity(String clientId, String subject, Set<String> scopes, CredentialKind kind, String issuer,
			Instant expiresAt, String keyId, Confirmation confirmation, Map<String, Object> claims) {
		this(clientId, subject, scopes, kind, issuer, expiresAt, keyId, confirmation, claims, Map.of());
	}

	/** An API key's caller, with the key's labels. */
	public static CallerIdentity apiKey(String clientId, Set<String> scopes, Instant expiresAt, String keyId,
			Map<String, String> labels) {
		return new CallerIdentity(clientId, clientId, scopes, CredentialKind.API_KEY, null, expiresAt, keyId,
				Confirmation.NONE, Map.of(), labels);
	}

	@Override
	public String toString() {
		// Claims stay out of toString: a record's default would print them into any log line naming the caller.
		return "CallerIdentity[clientId=" + this.clientId + ", subject=" + this.subject + ", scopes=" + this.scopes
				+ ", kind=" + this.kind.tag() + ", issuer=" + this.issuer + ", keyId=" + this.keyId + ", confirmation="
				+ this.confirmation + "]";
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
