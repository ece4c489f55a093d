package dev.tollgate.filters.upstream;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.tollgate.filters.authn.CallerIdentity;

/** Exchanges a caller's validated bearer token for one made for a single upstream (RFC 8693). */
public interface TokenExchanger {

	/**
	 * @param profile the name of the STS profile ({@code tollgate.sts.<name>})
	 * @param subjectToken the caller's validated access token; never log it
	 * @param audience the target audience, or {@code null}
	 * @param resource the target resource (RFC 8707), or {@code null}
	 * @param scopes the scopes to request
	 * @return the exchanged access token, or an error signal of {@link dev.tollgate.filters.errors.CallerFault} (403
	 * when the STS refuses) or {@link dev.tollgate.filters.errors.DependencyFailure} (503)
	 */
	Mono<String> exchange(String profile, CallerIdentity caller, String subjectToken, String audience, String resource,
			List<String> scopes);

}
