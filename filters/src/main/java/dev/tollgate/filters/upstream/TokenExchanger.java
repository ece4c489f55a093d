package dev.tollgate.filters.upstream;

import java.util.List;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.InboundCredential;

/** Exchanges a caller's validated bearer token for one made for a single upstream (RFC 8693). */
public interface TokenExchanger {

	/**
	 * Reactor context key under which a caller may put the route id (a {@code String}) for audit and metrics, e.g.
	 * {@code exchange(...).contextWrite(Context.of(TokenExchanger.ROUTE_ID_CONTEXT_KEY, routeId))}.
	 */
	String ROUTE_ID_CONTEXT_KEY = "tollgate.exchange.routeId";

	/**
	 * @param profile the name of the STS profile ({@code tollgate.sts.<name>})
	 * @param subjectToken the caller's validated access token; never log it
	 * @param audience the target audience, or {@code null}
	 * @param resource the target resource (RFC 8707), or {@code null}
	 * @param scopes the scopes to request
	 * @return the exchanged access token, or an error signal of {@link dev.tollgate.filters.core.CallerFault} (403
	 * when the STS refuses) or {@link dev.tollgate.filters.core.DependencyFailure} (503)
	 */
	Mono<String> exchange(String profile, CallerIdentity caller, String subjectToken, String audience, String resource,
			List<String> scopes);

	/**
	 * The same exchange, ready now when the cache holds a token (or a refusal) for these arguments; a refusal
	 * decided now may be thrown. Default: always later.
	 * @param routeId the route, for audit and metrics
	 * @param subject the caller's validated token, whose fingerprint (computed once per request) keys the cache
	 */
	default Answer<String> answer(String routeId, String profile, CallerIdentity caller, InboundCredential subject,
			String audience, String resource, List<String> scopes) {
		return Answer.later(exchange(profile, caller, subject.value(), audience, resource, scopes)
			.contextWrite(Context.of(ROUTE_ID_CONTEXT_KEY, routeId)));
	}

	/**
	 * Forget the cached exchanged token for these arguments if it is still {@code rejectedToken}, e.g. because the
	 * upstream answered 401 to it; the next {@link #exchange} asks the STS again. A token fetched meanwhile by another
	 * request is kept.
	 */
	default void invalidate(String profile, String subjectToken, String audience, String resource, List<String> scopes,
			String rejectedToken) {
	}

	/** Whether an upstream 401 should be retried once with a freshly exchanged token for this profile. */
	default boolean retryOnUpstreamUnauthorized(String profile) {
		return false;
	}

}
