package dev.tollgate.filters.authn.bearer;

import java.time.Instant;

import dev.tollgate.filters.authn.jwt.TokenFailure;
import dev.tollgate.filters.authn.jwt.ValidatedToken;
import dev.tollgate.filters.authn.jwt.ValidationResult;
import dev.tollgate.filters.core.RouteSecurity;

/**
 * The checks that depend on the route and the moment, run on every request, cached token or not: the issuer is on
 * the route's list, the route's audience or its advertised RFC 9728 resource is in {@code aud} (RFC 9068 §4: a
 * token for another audience is not valid here), and the token is within its lifetime.
 */
final class RouteChecks {

	private RouteChecks() {
	}

	static ValidationResult check(ValidatedToken token, RouteSecurity route, Instant now) {
		ValidationResult result = ValidationResult.success();
		if (!route.issuers().isEmpty() && !route.issuers().contains(token.issuerName())) {
			result = result.and(ValidationResult.failure(TokenFailure.ISSUER_NOT_ALLOWED));
		}
		// A route without an audience accepts no token: fail closed rather than skip the check.
		if (!route.acceptsAudience(token.audiences())) {
			result = result.and(ValidationResult.failure(TokenFailure.WRONG_AUDIENCE));
		}
		return result.and(token.checkLifetime(now));
	}

}
