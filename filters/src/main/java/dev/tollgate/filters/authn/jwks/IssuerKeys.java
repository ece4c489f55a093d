package dev.tollgate.filters.authn.jwks;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;
import reactor.util.context.ContextView;
import reactor.util.retry.Retry;

import dev.tollgate.filters.core.DependencyFailure;

/**
 * The key set of one issuer and the rules for fetching it. At most one fetch runs at a time (single flight: every
 * caller that needs keys meanwhile joins it), and fetches start at most once per minimum interval whatever
 * triggers them, so a flood of tokens with random {@code kid}s cannot storm the identity provider. A failed fetch
 * keeps the last good key set.
 */
final class IssuerKeys {

	private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);

	private static final Duration RETRY_BACKOFF = Duration.ofMillis(200);

	private final JwksEndpoint endpoint;

	private final JwksFetcher fetcher;

	private final Clock clock;

	private final JwksMetrics metrics;

	private final AtomicReference<Mono<KeySet>> inFlight = new AtomicReference<>();

	private volatile KeySet current;

	private volatile Instant lastAttempt;

	private volatile URI jwksUri;

	private volatile KeySetHealth.Failure lastFailure;

	IssuerKeys(JwksEndpoint endpoint, JwksFetcher fetcher, Clock clock, JwksMetrics metrics) {
		this.endpoint = endpoint;
		this.fetcher = fetcher;
		this.clock = clock;
		this.metrics = metrics;
		this.jwksUri = endpoint.jwksUri();
		metrics.ageGauge(endpoint.issuerName(), () -> this.current);
	}

	/** The key set in use, or {@code null} before the first successful fetch. */
	KeySet current() {
		return this.current;
	}

	/**
	 * The current key set; a due refresh starts in the background without delaying the caller. Before the first
	 * key set exists this waits for a fetch, and fails with a 503 {@link DependencyFailure} when it fails.
	 */
	Mono<KeySet> keys() {
		KeySet keys = this.current;
		if (keys != null) {
			if (!this.clock.instant().isBefore(keys.refreshAt())) {
				start("refresh", this.endpoint.settings().minRefetchInterval(), Context.empty());
			}
			return Mono.just(keys);
		}
		return Mono.deferContextual((context) -> {
			Mono<KeySet> fetch = start("initial", this.endpoint.settings().initialRetryInterval(), context);
			if (fetch == null) {
				KeySet late = this.current;
				return (late != null) ? Mono.just(late) : Mono.error(unavailable("unavailable"));
			}
			return fetch.onErrorMap((ex) -> unavailable(JwksFetchException.reasonOf(ex)));
		});
	}

	/**
	 * The key set after a token named a {@code kid} the current set lacks: a fresh fetch when the minimum interval
	 * allows one (or the one already running), else the current set unchanged.
	 */
	Mono<KeySet> keysAfterUnknownKid() {
		return Mono.deferContextual((context) -> {
			KeySet keys = this.current;
			Mono<KeySet> fetch = start("unknown_kid", this.endpoint.settings().minRefetchInterval(), context);
			this.metrics.unknownKid(this.endpoint.issuerName(), fetch != null);
			if (fetch == null) {
				return (keys != null) ? Mono.just(keys) : keys();
			}
			return fetch.onErrorResume((ex) -> (this.current != null) ? Mono.just(this.current) : keys());
		});
	}

	/**
	 * Start a refresh when one is due; used by the background refresher. Issuers whose keys were never needed are
	 * left alone (a failed warm-up is retried by the first token that needs the keys).
	 */
	void refreshIfDue() {
		KeySet keys = this.current;
		if (keys != null && !this.clock.instant().isBefore(keys.refreshAt())) {
			start("refresh", this.endpoint.settings().minRefetchInterval(), Context.empty());
		}
	}

	/** Start the first fetch in the background, without waiting for it; at startup. */
	void warmUp() {
		if (this.current == null) {
			start("initial", this.endpoint.settings().initialRetryInterval(), Context.empty());
		}
	}

	/**
	 * Join the fetch in flight, or start one unless the last one started less than {@code gap} ago. A fetch a request
	 * starts runs in that request's Reactor context, so its HTTP call is traced under the request's decision; a
	 * background refresh runs in none.
	 * @return the fetch's outcome, or {@code null} when throttled
	 */
	private Mono<KeySet> start(String trigger, Duration gap, ContextView context) {
		while (true) {
			Mono<KeySet> running = this.inFlight.get();
			if (running != null) {
				return running;
			}
			Instant now = this.clock.instant();
			Instant last = this.lastAttempt;
			if (last != null && now.isBefore(last.plus(gap))) {
				return null;
			}
			Sinks.One<KeySet> sink = Sinks.one();
			Mono<KeySet> shared = sink.asMono();
			if (this.inFlight.compareAndSet(null, shared)) {
				this.lastAttempt = now;
				fetch().contextWrite(context).subscribe((keys) -> {
					this.current = keys;
					this.inFlight.set(null);
					this.metrics.fetched(this.endpoint.issuerName(), trigger, true);
					sink.tryEmitValue(keys);
				}, (ex) -> {
					this.inFlight.set(null);
					fetchFailed(trigger, ex);
					sink.tryEmitError(ex);
				});
				return shared;
			}
		}
	}

	private Mono<KeySet> fetch() {
		JwksSettings settings = this.endpoint.settings();
		Mono<URI> location = Mono.defer(() -> {
			URI known = this.jwksUri;
			return (known != null) ? Mono.just(known)
					: this.fetcher.discoverJwksUri(this.endpoint.issuer(), settings.fetchTimeout())
						.doOnNext((discovered) -> this.jwksUri = discovered);
		});
		return location.flatMap((uri) -> this.fetcher.fetchKeys(uri, settings.fetchTimeout()))
			.map(this::toKeySet)
			.retryWhen(Retry.backoff(settings.fetchRetries(), RETRY_BACKOFF).onRetryExhaustedThrow((spec, signal) -> signal.failure()));
	}

	/** The key set in use and the last failed fetch, for health. */
	KeySetHealth health() {
		return new KeySetHealth(this.current, this.lastFailure);
	}

	private void fetchFailed(String trigger, Throwable ex) {
		String reason = JwksFetchException.reasonOf(ex);
		this.lastFailure = new KeySetHealth.Failure(reason, this.clock.instant());
		this.metrics.fetched(this.endpoint.issuerName(), trigger, false);
		this.metrics.failed(this.endpoint.issuerName(), reason);
		if (this.endpoint.jwksUri() == null && "http_status".equals(reason)) {
			// A discovered location may have moved: discover again next time.
			this.jwksUri = null;
		}
		log.atWarn()
			.addKeyValue("issuer", this.endpoint.issuerName())
			.addKeyValue("trigger", trigger)
			.addKeyValue("reason", reason)
			.addKeyValue("serving_last_good", this.current != null)
			.log("jwks fetch failed");
	}

	private KeySet toKeySet(JwksDocument document) {
		Map<String, Object> json;
		try {
			json = JSONObjectUtils.parse(document.body());
		}
		catch (ParseException ex) {
			throw new JwksFetchException("malformed", "JWKS is not a JSON object");
		}
		if (!(json.get("keys") instanceof List<?> entries)) {
			throw new JwksFetchException("malformed", "JWKS has no keys array");
		}
		List<VerificationKey> keys = new ArrayList<>();
		for (Object entry : entries) {
			if (!(entry instanceof Map<?, ?>)) {
				continue;
			}
			try {
				@SuppressWarnings("unchecked")
				JWK jwk = JWK.parse((Map<String, Object>) entry);
				KeyBinder.bind(jwk, this.endpoint.algorithms()).ifPresent(keys::add);
			}
			catch (ParseException ex) {
				// One broken key must not cost the issuer its other keys.
				log.atDebug().addKeyValue("issuer", this.endpoint.issuerName()).log("skipped unparseable JWK");
			}
		}
		if (keys.isEmpty()) {
			throw new JwksFetchException("no_usable_keys", "JWKS has no key usable with the allowed algorithms");
		}
		Instant now = this.clock.instant();
		return new KeySet(keys, now, now.plus(this.endpoint.settings().refreshAfter(document.maxAge())));
	}

	private DependencyFailure unavailable(String reason) {
		return new DependencyFailure("jwks", "jwks_" + reason, this.endpoint.settings().initialRetryInterval());
	}

}
