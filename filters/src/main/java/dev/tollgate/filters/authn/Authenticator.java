package dev.tollgate.filters.authn;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.core.InboundCredential;
import dev.tollgate.filters.core.Rejection;
import dev.tollgate.filters.core.RouteSecurity;

/**
 * Stage 2's core: turns the request's one credential into a {@link CallerIdentity}, dispatching to the bearer or
 * API-key authenticator the route accepts. Knows nothing of filters, so unit tests drive it directly.
 */
public final class Authenticator {

	private final CredentialExtractor extractor;

	private final BearerAuthenticator bearer;

	private final ApiKeyAuthenticator apiKeys;

	private final List<AuthenticationListener> listeners;

	/**
	 * @param bearer may be {@code null} when no issuer is configured
	 * @param apiKeys may be {@code null} when API keys are not set up
	 */
	public Authenticator(CredentialExtractor extractor, BearerAuthenticator bearer, ApiKeyAuthenticator apiKeys,
			List<AuthenticationListener> listeners) {
		this.extractor = extractor;
		this.bearer = bearer;
		this.apiKeys = apiKeys;
		this.listeners = List.copyOf(listeners);
	}

	public CredentialExtractor extractor() {
		return this.extractor;
	}

	/** The result of a successful authentication. */
	public record Result(CallerIdentity caller, InboundCredential credential, Map<String, String> responseHeaders) {
	}

	/** Errors are {@link CallerFault} or {@link DependencyFailure} signals. */
	public Mono<Result> authenticate(ServerWebExchange exchange, RouteSecurity route) {
		// Lazy, as a Mono should be: nothing is looked up until subscription, and again on each.
		return Mono.defer(() -> {
			try {
				return answer(exchange, route).toMono();
			}
			catch (Rejection refusal) {
				return Mono.error(refusal);
			}
		});
	}

	/**
	 * The same decision, ready now when a cache decided; a refusal decided now is thrown as a {@link CallerFault}.
	 */
	public Answer<Result> answer(ServerWebExchange exchange, RouteSecurity route) {
		InboundCredential credential = this.extractor.extract(exchange.getRequest());
		if (credential == null) {
			throw CallerFault.missingCredential();
		}
		Answer<Result> result = switch (credential.kind()) {
			case API_KEY -> authenticateApiKey(credential, route);
			default -> authenticateBearer(credential, route);
		};
		if (this.listeners.isEmpty()) {
			return result;
		}
		return result.map((r) -> {
			notifyListeners(route.routeId(), r.caller());
			return r;
		});
	}

	/**
	 * Whether the request carries a bearer token whose verification is still cached: such a caller is let through
	 * a failed-authentication block of its address (a NAT shared with an attacker), at the cost of one hash and one
	 * cache lookup. Verifies nothing and never fails; the request is authenticated as usual afterwards.
	 */
	public boolean carriesRecentlyVerifiedToken(ServerWebExchange exchange) {
		if (this.bearer == null) {
			return false;
		}
		try {
			InboundCredential credential = this.extractor.extract(exchange.getRequest());
			return credential != null && credential.kind() != CredentialKind.API_KEY
					&& this.bearer.recentlyVerified(credential.value());
		}
		catch (CallerFault fault) {
			return false;
		}
	}

	private Answer<Result> authenticateBearer(InboundCredential credential, RouteSecurity route) {
		if (!route.accepts(RouteSecurity.Credential.BEARER) || this.bearer == null) {
			throw CallerFault.invalidToken("credential_not_accepted", "Bearer tokens are not accepted on this route.");
		}
		return this.bearer.answer(credential, route)
			.map((caller) -> new Result(caller, credential.as(caller.kind()), Map.of()));
	}

	private Answer<Result> authenticateApiKey(InboundCredential credential, RouteSecurity route) {
		if (!route.accepts(RouteSecurity.Credential.API_KEY) || this.apiKeys == null) {
			throw CallerFault.invalidToken("credential_not_accepted",
					"API keys are not accepted on this route; use an OAuth access token.");
		}
		return this.apiKeys.answer(credential.value(), route)
			.map((accepted) -> new Result(accepted.identity(), credential, accepted.responseHeaders()));
	}

	private void notifyListeners(String routeId, CallerIdentity caller) {
		for (AuthenticationListener listener : this.listeners) {
			try {
				listener.onAuthenticated(routeId, caller);
			}
			catch (RuntimeException ex) {
				// A listener (usage tracking) must never decide a request.
				org.slf4j.LoggerFactory.getLogger(Authenticator.class)
					.warn("authentication listener {} failed: {}", listener.getClass().getSimpleName(),
							ex.getClass().getSimpleName());
			}
		}
	}

}
