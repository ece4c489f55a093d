package dev.tollgate.filters.authn.apikey;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import reactor.core.publisher.Mono;

import dev.tollgate.apikeys.ApiKeyAuthentication;
import dev.tollgate.apikeys.ApiKeyStoreException;
import dev.tollgate.apikeys.Decision;
import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.format.PresentedKey;
import dev.tollgate.filters.authn.ApiKeyAuthenticator;
import dev.tollgate.filters.authn.FailedCredentialCache;
import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.core.Rejection;
import dev.tollgate.filters.core.RouteSecurity;

/**
 * The gateway's {@link ApiKeyAuthenticator}: runs {@link ApiKeyAuthentication} (no blocking: the store is async) and
 * maps its decision onto the pipeline's types. Every invalid key becomes the same
 * {@code 401 invalid_token (api_key_rejected)}; a key refused by its phase gets the same status with its own reason
 * and the deprecation headers; a store failure becomes a 503 from dependency {@code api-key-store}.
 * <p>
 * Unknown, revoked and expired keys are remembered by their hash in a {@link FailedCredentialCache}, which the
 * auto-configuration clears on every key-change announcement: a repeat gets the identical answer without a store
 * lookup. Refusals that depend on the route (a key not allowed there, a migration phase) are never remembered.
 */
public final class MigratingApiKeyAuthenticator implements ApiKeyAuthenticator {

	/** Dependency name in 503 answers and metrics. */
	public static final String DEPENDENCY = "api-key-store";

	/** Causes that hold for the key on every route until the key itself changes (which clears the cache). */
	private static final Set<Decision.Cause> DEFINITIVE = EnumSet.of(Decision.Cause.UNKNOWN, Decision.Cause.REVOKED,
			Decision.Cause.EXPIRED);

	private final ApiKeyAuthentication authentication;

	private final Duration retryAfter;

	private final FailedCredentialCache failedKeys;

	public MigratingApiKeyAuthenticator(ApiKeyAuthentication authentication, Duration retryAfter) {
		this(authentication, retryAfter, FailedCredentialCache.disabled("api-key"));
	}

	/** @param failedKeys the negative cache of keys that failed, keyed by {@code KeyHash} */
	public MigratingApiKeyAuthenticator(ApiKeyAuthentication authentication, Duration retryAfter,
			FailedCredentialCache failedKeys) {
		this.authentication = authentication;
		this.retryAfter = retryAfter;
		this.failedKeys = failedKeys;
	}

	@Override
	public Mono<Accepted> authenticate(String presentedKey, RouteSecurity route) {
		// Lazy, as a Mono should be: nothing is looked up until subscription, and again on each.
		return Mono.defer(() -> {
			try {
				return answer(presentedKey, route).toMono();
			}
			catch (Rejection refusal) {
				return Mono.error(refusal);
			}
		});
	}

	/** Ready now when the store answered without waiting (a cached record, a remembered refusal). */
	@Override
	public Answer<Accepted> answer(String presentedKey, RouteSecurity route) {
		PresentedKey presented = ApiKeyFormat.inspect(presentedKey);
		String hash = presented.hash();
		if (hash != null) {
			CallerFault failed = this.failedKeys.get(hash);
			if (failed != null) {
				throw failed;
			}
		}
		long generation = this.failedKeys.generation();
		CompletableFuture<Decision> decision;
		try {
			decision = this.authentication.authenticate(presented, route.routeId(), Set.copyOf(route.scopes()))
				.toCompletableFuture();
		}
		catch (RuntimeException ex) {
			throw storeFailure(ex);
		}
		if (decision.isDone() && !decision.isCompletedExceptionally()) {
			return Answer.now(toAnswer(decision.join(), hash, generation));
		}
		return Answer.later(Mono.fromFuture(decision, true)
			.onErrorMap((ex) -> !(ex instanceof CallerFault), this::storeFailure)
			.map((answered) -> toAnswer(answered, hash, generation)));
	}

	/** The accepted key, or the refusal thrown (and remembered when it holds on every route). */
	private Accepted toAnswer(Decision decision, String hash, long generation) {
		if (decision instanceof Decision.Accepted accepted) {
			CallerIdentity identity = CallerIdentity.apiKey(accepted.key().clientId(), accepted.scopes(),
					accepted.key().expires(), accepted.key().keyId(), accepted.key().labels());
			return new Accepted(identity, accepted.headers());
		}
		Decision.Rejected rejected = (Decision.Rejected) decision;
		CallerFault fault = CallerFault.invalidToken(rejected.reason(), rejected.description(), rejected.headers());
		if (hash != null && DEFINITIVE.contains(rejected.cause())) {
			this.failedKeys.put(hash, fault, generation);
		}
		throw fault;
	}

	private DependencyFailure storeFailure(Throwable ex) {
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		String reason = (cause instanceof ApiKeyStoreException store) ? store.reason() : "error";
		return new DependencyFailure(DEPENDENCY, reason, this.retryAfter);
	}

}
