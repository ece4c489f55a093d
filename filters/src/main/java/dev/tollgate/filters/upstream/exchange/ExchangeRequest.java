package dev.tollgate.filters.upstream.exchange;

import java.util.List;
import java.util.Objects;

import dev.tollgate.filters.authn.CallerIdentity;

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
		scopes = (scopes != null) ? scopes.stream().filter(Objects::nonNull).distinct().sorted().toList() : List.of();
	}

	/** The scopes as one RFC 6749 §3.3 {@code scope} value. */
	String scopeParameter() {
		return String.join(" ", this.scopes);
	}

}
