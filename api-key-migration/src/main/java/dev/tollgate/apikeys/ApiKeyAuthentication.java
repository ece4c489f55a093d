package dev.tollgate.apikeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.event.Level;

import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.format.PresentedKey;
import dev.tollgate.apikeys.phase.PhaseHeaders;
import dev.tollgate.apikeys.phase.PhaseVerdict;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.usage.UsageRecorder;
import dev.tollgate.logs.LogSummary;
import dev.tollgate.logs.LogText;
import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.record.KeyStatus;

/**
 * The request path for API keys: classify the presented string (a malformed Tollgate key or garbage is refused
 * without a lookup), hash the whole string, look the hash up, check status, expiry and route, then apply the
 * migration phases. The key is compared only through its SHA-256, so how much of a key is right never changes how
 * long the answer takes, and every invalid key gets the same {@link Decision.Rejected} (reason, description,
 * headers). Store failures fail the stage with {@link ApiKeyStoreException}.
 */
public final class ApiKeyAuthentication {

	private static final Logger log = LoggerFactory.getLogger("tollgate.apikeys");

	// Word for word what the gateway's credential extractor answers for an empty or oversized key header.
	static final String INVALID_DESCRIPTION = "The API key is not valid.";

	static final String BROWNOUT_DESCRIPTION = "API keys are in a scheduled brownout on this route; "
			+ "move to OAuth 2.0 (see the Link header).";

	static final String RETIRED_DESCRIPTION = "API keys are no longer accepted on this route; "
			+ "OAuth 2.0 is required (see the Link header).";

	private final ApiKeyStore store;

	private final PhaseResolver phases;

	private final UsageRecorder usage;

	private final Clock clock;

	private final Duration lookupTimeout;

	private final DecisionListener listener;

	private final Map<String, String> guideHeaders;

	// While the store is down every key request fails the same way: one line per interval, not one per request.
	private final LogSummary storeFailures;

	/**
	 * @param usage where calls are counted, {@code null} to count nothing
	 * @param migrationGuide the guide linked from refusals, {@code null} for none
	 * @param lookupTimeout longest wait for the store before answering 503
	 */
	public ApiKeyAuthentication(ApiKeyStore store, PhaseResolver phases, UsageRecorder usage, Clock clock,
			String migrationGuide, Duration lookupTimeout, DecisionListener listener) {
		this.store = store;
		this.phases = phases;
		this.usage = usage;
		this.clock = clock;
		this.storeFailures = new LogSummary(log, "api_key_store_failed", Duration.ofSeconds(10), clock,
				Level.WARN);
		this.lookupTimeout = lookupTimeout;
		this.listener = (listener != null) ? listener : DecisionListener.NONE;
		this.guideHeaders = (migrationGuide != null) ? Map.of(PhaseHeaders.LINK, PhaseHeaders.link(migrationGuide))
				: Map.of();
	}

	/**
	 * @param presentedKey the raw header value; never logged
	 * @param routeId the route being called
	 * @param routeScopes the scopes the route requires; the accepted key's scopes are narrowed to these
	 */
	public CompletionStage<Decision> authenticate(String presentedKey, String routeId, Set<String> routeScopes) {
		return authenticate(ApiKeyFormat.inspect(presentedKey), routeId, routeScopes);
	}

	/**
	 * As {@link #authenticate(String, String, Set)}, for a key the caller already inspected (and so hashed once):
	 * the gateway uses the hash as its negative-cache key too.
	 * @param presented the result of {@link ApiKeyFormat#inspect(String)}
	 */
	public CompletionStage<Decision> authenticate(PresentedKey presented, String routeId, Set<String> routeScopes) {
		if (presented.malformed()) {
			return CompletableFuture.completedFuture(done(invalid(Decision.Cause.MALFORMED, null), routeId));
		}
		CompletableFuture<Optional<ApiKeyRecord>> lookup;
		try {
			lookup = this.store.findByHash(presented.hash()).toCompletableFuture().copy();
		}
		catch (RuntimeException ex) {
			lookup = CompletableFuture.failedFuture(ex);
		}
		return lookup.orTimeout(this.lookupTimeout.toMillis(), TimeUnit.MILLISECONDS)
			.handle((found, failure) -> {
				if (failure != null) {
					throw storeFailure(failure, routeId);
				}
				return done(decide(presented, found, routeId, routeScopes), routeId);
			});
	}

	private Decision decide(PresentedKey presented, Optional<ApiKeyRecord> found, String routeId,
			Set<String> routeScopes) {
		// Defence in depth: the store matched on the hash, compare it again in constant time, and a Tollgate key
		// must name the record it was issued for.
		if (found.isEmpty() || !KeyHash.matches(found.get().hash(), presented.hash())
				|| (presented.keyId() != null && !presented.keyId().equals(found.get().keyId()))) {
			return invalid(Decision.Cause.UNKNOWN, null);
		}
		ApiKeyRecord key = found.get();
		Instant now = this.clock.instant();
		if (key.status() == KeyStatus.REVOKED) {
			return invalid(Decision.Cause.REVOKED, key.keyId());
		}
		if (key.expiredAt(now)) {
			return invalid(Decision.Cause.EXPIRED, key.keyId());
		}
		if (!key.allowsRoute(routeId)) {
			return invalid(Decision.Cause.ROUTE_NOT_ALLOWED, key.keyId());
		}
		PhaseVerdict verdict = this.phases.resolve(key, routeId, now);
		if (this.usage != null) {
			this.usage.recordKeyCall(key, routeId);
		}
		if (!verdict.accepted()) {
			return refusedByPhase(verdict, key);
		}
		Set<String> scopes = new HashSet<>(key.scopes());
		scopes.retainAll(routeScopes);
		return new Decision.Accepted(key, scopes, verdict.phase(), verdict.headers());
	}

	private Decision refusedByPhase(PhaseVerdict verdict, ApiKeyRecord key) {
		Map<String, String> headers = new LinkedHashMap<>(verdict.headers());
		headers.putAll(this.guideHeaders);
		return switch (verdict.refusal()) {
			case BROWNOUT -> new Decision.Rejected(Decision.Rejected.BROWNOUT, Decision.Cause.BROWNOUT,
					BROWNOUT_DESCRIPTION, headers, key.keyId());
			case RETIRED -> new Decision.Rejected(Decision.Rejected.RETIRED, Decision.Cause.RETIRED,
					RETIRED_DESCRIPTION, headers, key.keyId());
			case SUNSET -> new Decision.Rejected(Decision.Rejected.RETIRED, Decision.Cause.SUNSET,
					RETIRED_DESCRIPTION, headers, key.keyId());
		};
	}

	private Decision.Rejected invalid(Decision.Cause cause, String keyId) {
		// No headers at all: an invalid key gets exactly the answer of a malformed one, whatever the cause.
		return new Decision.Rejected(Decision.Rejected.INVALID, cause, INVALID_DESCRIPTION, Map.of(), keyId);
	}

	private Decision done(Decision decision, String routeId) {
		this.listener.onDecision(decision, routeId);
		if (decision instanceof Decision.Accepted accepted) {
			if (log.isDebugEnabled()) {
				log.atDebug().addKeyValue("route", routeId).addKeyValue("key_id", LogText.escape(accepted.key().keyId()))
					.addKeyValue("client_id", LogText.escape(accepted.key().clientId())).addKeyValue("phase", accepted.phase().tag())
					.log("api key accepted");
			}
		}
		else if (decision instanceof Decision.Rejected rejected) {
			// Made-up keys can arrive in floods: they log at debug (the metric counts them); a known key at info.
			Level level = (rejected.keyId() != null) ? Level.INFO : Level.DEBUG;
			if (!log.isEnabledForLevel(level)) {
				return decision;
			}
			log.atLevel(level).addKeyValue("route", routeId)
				.addKeyValue("key_id", LogText.escape(rejected.keyId()))
				.addKeyValue("cause", rejected.cause().tag()).log("api key rejected");
		}
		return decision;
	}

	private ApiKeyStoreException storeFailure(Throwable failure, String routeId) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		String reason = (cause instanceof TimeoutException) ? "timeout" : "unavailable";
		this.storeFailures.record(reason, line -> line.addKeyValue("route", LogText.escape(routeId))
			.addKeyValue("error", cause.getClass().getSimpleName()));
		return new ApiKeyStoreException(reason, cause);
	}

}
