package dev.tollgate.filters.authn;

import reactor.core.publisher.Mono;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.InboundCredential;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.RouteSecurity;

/**
 * Validates an OAuth bearer token (JWT or opaque) for one route: signature, issuer, audience, lifetime and type.
 * Scope checks are the authorize stage's job.
 */
public interface BearerAuthenticator {

	/**
	 * @param token the token from {@code Authorization: Bearer}, already checked to be a syntactically valid
	 * b64token (RFC 6750 §2.1)
	 * @return the caller, or an error signal of {@link dev.tollgate.filters.core.CallerFault} (401
	 * {@code invalid_token}) or {@link dev.tollgate.filters.core.DependencyFailure} (503)
	 */
	Mono<CallerIdentity> authenticate(String token, RouteSecurity route);

	/**
	 * The same decision as {@link #authenticate}, ready now when it needs no dependency (a token verified recently,
	 * a token that failed recently); a refusal decided now may be thrown. Default: always later.
	 */
	default Answer<CallerIdentity> answer(String token, RouteSecurity route) {
		return Answer.later(authenticate(token, route));
	}

	/** As {@link #answer(String, RouteSecurity)}, reusing the credential's fingerprint if it was already computed. */
	default Answer<CallerIdentity> answer(InboundCredential credential, RouteSecurity route) {
		return answer(credential.value(), route);
	}

	/**
	 * Whether this token was verified recently and is still cached as such, without verifying anything: lets a
	 * caller whose address is over the failed-authentication limit through with a token known to be good. Route
	 * checks still run in {@link #authenticate}. Default: never.
	 */
	default boolean recentlyVerified(String token) {
		return false;
	}

}
