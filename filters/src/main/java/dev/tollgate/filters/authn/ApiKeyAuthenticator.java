package dev.tollgate.filters.authn;

import java.util.Map;

import reactor.core.publisher.Mono;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.RouteSecurity;

/** Authenticates a legacy API key for one route and applies its migration phase. */
public interface ApiKeyAuthenticator {

	/**
	 * @param presentedKey the raw key from the configured header; never log it
	 * @return the accepted key, or an error signal of {@link dev.tollgate.filters.core.CallerFault} (401, the same
	 * answer for malformed, unknown, revoked and expired keys) or
	 * {@link dev.tollgate.filters.core.DependencyFailure} (503)
	 */
	Mono<Accepted> authenticate(String presentedKey, RouteSecurity route);

	/**
	 * The same decision as {@link #authenticate}, ready now when the key store answered from memory; a refusal
	 * decided now may be thrown. Default: always later.
	 */
	default Answer<Accepted> answer(String presentedKey, RouteSecurity route) {
		return Answer.later(authenticate(presentedKey, route));
	}

	/**
	 * An accepted key.
	 * @param identity the caller, scopes narrowed to what the key holds
	 * @param responseHeaders headers the caller's response must carry, e.g. {@code Deprecation}, {@code Sunset},
	 * {@code Link} (RFC 9745, RFC 8594)
	 */
	record Accepted(CallerIdentity identity, Map<String, String> responseHeaders) {

		public Accepted {
			responseHeaders = Map.copyOf(responseHeaders);
		}

	}

}
