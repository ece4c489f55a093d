package dev.tollgate.filters.authn.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.Confirmation;
import dev.tollgate.filters.core.CredentialKind;

/**
 * A token whose signature (or introspection answer) and issuer-level claims have been checked: what may be cached
 * and then checked per route and per request (audience, route issuers, lifetime). Holds no token material.
 *
 * @param kind JWT or OPAQUE
 * @param issuerName the trusted issuer's configured name
 * @param subject {@code sub}, or {@code null}
 * @param clientId the client id from the issuer's configured claim, falling back to {@code sub}
 * @param scopes the granted scopes
 * @param audiences the {@code aud} values
 * @param expiresAt {@code exp}, or {@code null} when an introspection answer carries none
 * @param notBefore {@code nbf}, or {@code null}
 * @param clockSkew the issuer's tolerance for {@code exp} and {@code nbf}
 * @param confirmation the token's {@code cnf} (RFC 7800): the key or certificate it is bound to
 * @param claims every claim (or introspection member), for route policies; never the token itself
 */
public record ValidatedToken(CredentialKind kind, String issuerName, String subject, String clientId,
		Set<String> scopes, List<String> audiences, Instant expiresAt, Instant notBefore, Duration clockSkew,
		Confirmation confirmation, Map<String, Object> claims) {

	public ValidatedToken {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(issuerName, "issuerName");
		Objects.requireNonNull(clientId, "clientId");
		scopes = Set.copyOf(scopes);
		audiences = List.copyOf(audiences);
		Objects.requireNonNull(clockSkew, "clockSkew");
		confirmation = (confirmation != null) ? confirmation : Confirmation.NONE;
		claims = (claims != null) ? Collections.unmodifiableMap(claims) : Map.of();
	}

	/** A token bound to nothing (no {@code cnf}), without claims. */
	public ValidatedToken(CredentialKind kind, String issuerName, String subject, String clientId,
			Set<String> scopes, List<String> audiences, Instant expiresAt, Instant notBefore, Duration clockSkew) {
		this(kind, issuerName, subject, clientId, scopes, audiences, expiresAt, notBefore, clockSkew,
				Confirmation.NONE, Map.of());
	}

	/** A token bound to {@code confirmation}, without claims. */
	public ValidatedToken(CredentialKind kind, String issuerName, String subject, String clientId,
			Set<String> scopes, List<String> audiences, Instant expiresAt, Instant notBefore, Duration clockSkew,
			Confirmation confirmation) {
		this(kind, issuerName, subject, clientId, scopes, audiences, expiresAt, notBefore, clockSkew, confirmation,
				Map.of());
	}

	/** A token bound to nothing, with its claims. */
	public ValidatedToken(CredentialKind kind, String issuerName, String subject, String clientId,
			Set<String> scopes, List<String> audiences, Instant expiresAt, Instant notBefore, Duration clockSkew,
			Map<String, Object> claims) {
		this(kind, issuerName, subject, clientId, scopes, audiences, expiresAt, notBefore, clockSkew,
				Confirmation.NONE, claims);
	}

	/** Whether the token is within its lifetime at {@code now}, with the issuer's skew (RFC 7519 §4.1.4, §4.1.5). */
	public ValidationResult checkLifetime(Instant now) {
		return Lifetime.check(this.expiresAt, this.notBefore, now, this.clockSkew);
	}

	public CallerIdentity toIdentity() {
		return new CallerIdentity(this.clientId, this.subject, this.scopes, this.kind, this.issuerName,
				this.expiresAt, null, this.confirmation, this.claims);
	}

}
