package dev.tollgate.filters.upstream.exchange;

import java.util.List;
import java.util.Objects;

import dev.tollgate.filters.core.CallerIdentity;

/**
 * What one exchange asks for, without the subject token itself: safe to log and to keep.
 *
 * @param route the route id for audit and metrics ({@code -} when the caller did not say)
 * @param profile the STS profile name
 * @param caller the authenticated caller
 * @param audience the target {@code audience} (RFC 8693 §2.1), or {@code null}
 * @param resource the target {@code resource} (RFC 8707), or {@code null}
 * @param scopes the requested scopes, sorted and de-duplicated
 */
record ExchangeRequest(String route, String profile, CallerIdentity caller, String audience, String resource,
		List<String> scopes) {

	ExchangeRequest {
		Objects.requireNonNull(route, "route");
		Objects.requireNonNull(profile, "profile");
		Objects.requireNonNull(caller, "caller");
		scopes = normalize(scopes);
	}

	/** Sorted and de-duplicated, so the order a route lists scopes in never splits the cache. */
	private static List<String> normalize(List<String> scopes) {
		if (scopes == null || scopes.isEmpty()) {
			return List.of();
		}
		if (scopes.size() == 1) {
			// The common case, and the cache-hit path: no stream, no sort.
			return (scopes.get(0) != null) ? List.of(scopes.get(0)) : List.of();
		}
		return scopes.stream().filter(Objects::nonNull).distinct().sorted().toList();
	}

	/** The scopes as one RFC 6749 §3.3 {@code scope} value. */
	String scopeParameter() {
		return String.join(" ", this.scopes);
	}

}
