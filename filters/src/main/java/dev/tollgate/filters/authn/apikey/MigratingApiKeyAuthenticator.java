package dev.tollgate.filters.authn.apikey;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;

import reactor.core.publisher.Mono;

import dev.tollgate.apikeys.ApiKeyAuthentication;
import dev.tollgate.apikeys.ApiKeyStoreException;
import dev.tollgate.apikeys.Decision;
import dev.tollgate.filters.RouteSecurity;
import dev.tollgate.filters.authn.ApiKeyAuthenticator;
import dev.tollgate.filters.authn.CallerIdentity;
import dev.tollgate.filters.authn.CredentialKind;
import dev.tollgate.filters.errors.CallerFault;
import dev.tollgate.filters.errors.DependencyFailure;

/**
 * The gateway's {@link ApiKeyAuthenticator}: runs {@link ApiKeyAuthentication} (no blocking: the store is async) and
 * maps its decision onto the pipeline's types. Every invalid key becomes the same
 * {@code 401 invalid_token (api_key_rejected)}; a key refused by its phase gets the same status with its own reason
 * and the deprecation headers; a store failure becomes a 503 from dependency {@code api-key-store}.
 */
public final class MigratingApiKeyAuthenticator implements ApiKeyAuthenticator {

	/** Dependency name in 503 answers and metrics. */
	public static final String DEPENDENCY = "api-key-store";

	private final ApiKeyAuthentication authentication;

	private final Duration retryAfter;

	public MigratingApiKeyAuthenticator(ApiKeyAuthentication authentication, Duration retryAfter) {
		this.authentication = authentication;
		this.retryAfter = retryAfter;
	}

	@Override
	public Mono<Accepted> authenticate(String presentedKey, RouteSecurity route) {
		return Mono
			.fromCompletionStage(() -> this.authentication.authenticate(presentedKey, route.routeId(),
					Set.copyOf(route.scopes())))
			.onErrorMap(ex -> !(ex instanceof CallerFault), this::storeFailure)
			.flatMap(MigratingApiKeyAuthenticator::toAnswer);
	}

	private static Mono<Accepted> toAnswer(Decision decision) {
		if (decision instanceof Decision.Accepted accepted) {
			CallerIdentity identity = new CallerIdentity(accepted.key().clientId(), accepted.key().clientId(),
					accepted.scopes(), CredentialKind.API_KEY, null, accepted.key().expires(),
					accepted.key().keyId());
			return Mono.just(new Accepted(identity, accepted.headers()));
		}
		Decision.Rejected rejected = (Decision.Rejected) decision;
		return Mono.error(CallerFault.invalidToken(rejected.reason(), rejected.description(), rejected.headers()));
	}

	private DependencyFailure storeFailure(Throwable ex) {
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		String reason = (cause instanceof ApiKeyStoreException store) ? store.reason() : "error";
		return new DependencyFailure(DEPENDENCY, reason, this.retryAfter);
	}

}
