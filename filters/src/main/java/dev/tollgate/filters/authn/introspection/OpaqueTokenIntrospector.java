package dev.tollgate.filters.authn.introspection;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.tollgate.filters.authn.jwt.TokenFailure;
import dev.tollgate.filters.authn.jwt.ValidatedToken;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.observe.DependencyCalls;

/**
 * Validates opaque tokens by RFC 7662 introspection, with a cache keyed by the issuer and the token's SHA-256
 * (never the token). Concurrent requests with the same token share one call. An answer is cached no longer than
 * the token's {@code exp} and the configured maximum; failed calls are not cached, so a 503 lasts only as long as
 * the outage. At most {@code max-concurrent} calls per issuer are in flight; past that a request gets a fast 503
 * ({@code introspection_saturated}) instead of queueing behind the IdP: the permit is taken without waiting, so no
 * event loop ever blocks. Meter {@code tollgate.introspection.calls} (issuer, outcome =
 * active|inactive|rejected|error|saturated, the last counting requests refused without a call).
 */
public final class OpaqueTokenIntrospector {

	private static final Logger log = LoggerFactory.getLogger(OpaqueTokenIntrospector.class);

	private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	/** Saturation clears as soon as calls complete: ask callers to come back soon. */
	private static final Duration SATURATED_RETRY_AFTER = Duration.ofSeconds(1);

	private final IntrospectionClient client;

	private final Clock clock;

	private final MeterRegistry registry;

	private final AsyncCache<String, IntrospectionAnswer> cache;

	private final DependencyCalls calls;

	/** Calls in flight per issuer name; issuers are configured, so the map is bounded. */
	private final Map<String, ConcurrencyLimit> inFlight = new ConcurrentHashMap<>();

	public OpaqueTokenIntrospector(IntrospectionClient client, Clock clock, MeterRegistry registry, long maxEntries) {
		this(client, clock, registry, maxEntries, new DependencyCalls(clock));
	}

	/** @param calls where each issuer's last introspection outcome is kept for health */
	public OpaqueTokenIntrospector(IntrospectionClient client, Clock clock, MeterRegistry registry, long maxEntries,
			DependencyCalls calls) {
		this.calls = calls;
		this.client = client;
		this.clock = clock;
		this.registry = registry;
		this.cache = Caffeine.newBuilder()
			.maximumSize(maxEntries)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfter(new UntilExpiry(clock))
			.buildAsync();
	}

	/**
	 * @param fingerprint the token's SHA-256, the cache key
	 * @return the validated token (route checks still to run), or an error of {@code CallerFault} (401) or a 503
	 * {@link DependencyFailure} when the endpoint cannot answer
	 */
	public Mono<ValidatedToken> introspect(IntrospectionEndpoint endpoint, String token, String fingerprint) {
		String key = endpoint.issuerName() + ' ' + fingerprint;
		dropIfPastCacheUntil(key);
		CompletableFuture<IntrospectionAnswer> answer = this.cache.getIfPresent(key);
		if (answer == null) {
			answer = load(endpoint, token, key);
			if (answer == null) {
				return Mono.error(saturated(endpoint));
			}
		}
		return Mono.fromFuture(answer, true).onErrorMap((ex) -> failure(endpoint, ex)).flatMap((read) -> {
			if (read.token() != null) {
				return Mono.just(read.token());
			}
			return Mono.error(read.failure().fault());
		});
	}

	/**
	 * Starts a call under a permit, or joins the one a concurrent request with the same token just started (the
	 * loader runs once per key at a time: one call, shared). {@code null} when no permit is free: the refusal is
	 * answered outside the cache, so nothing is cached and Caffeine logs no failed load.
	 */
	private CompletableFuture<IntrospectionAnswer> load(IntrospectionEndpoint endpoint, String token, String key) {
		ConcurrencyLimit permits = this.inFlight.computeIfAbsent(endpoint.issuerName(),
				(name) -> new ConcurrencyLimit(endpoint.maxConcurrent()));
		if (!permits.tryAcquire()) {
			return null;
		}
		boolean[] used = new boolean[1];
		CompletableFuture<IntrospectionAnswer> answer = this.cache.get(key, (k, executor) -> {
			used[0] = true;
			return call(endpoint, token, permits);
		});
		if (!used[0]) {
			permits.release();
		}
		return answer;
	}

	private CompletableFuture<IntrospectionAnswer> call(IntrospectionEndpoint endpoint, String token,
			ConcurrencyLimit permits) {
		Mono<Map<String, Object>> answer;
		try {
			answer = this.client.introspect(endpoint, token);
		}
		catch (RuntimeException ex) {
			permits.release();
			throw ex;
		}
		return answer
			.map((json) -> IntrospectionAnswer.read(json, endpoint, this.clock.instant()))
			.doOnNext((read) -> {
				this.calls.succeeded("introspection:" + endpoint.issuerName());
				count(endpoint, (read.token() != null) ? "active"
						: (read.failure() == TokenFailure.INACTIVE) ? "inactive" : "rejected");
			})
			.doFinally((signal) -> permits.release())
			.toFuture();
	}

	/**
	 * Caffeine sets an async entry's expiry in a completion callback that may still be pending; the answer's own
	 * {@code cacheUntil} is the rule, so an answer past it is never served.
	 */
	private void dropIfPastCacheUntil(String key) {
		CompletableFuture<IntrospectionAnswer> cached = this.cache.getIfPresent(key);
		if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()
				&& !cached.join().cacheUntil().isAfter(this.clock.instant())) {
			this.cache.synchronous().asMap().remove(key, cached.join());
		}
	}

	private DependencyFailure failure(IntrospectionEndpoint endpoint, Throwable ex) {
		Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		String reason = IntrospectionException.reasonOf(cause);
		this.calls.failed("introspection:" + endpoint.issuerName(), reason);
		count(endpoint, "error");
		log.atWarn().addKeyValue("issuer", endpoint.issuerName()).addKeyValue("reason", reason).log("introspection failed");
		return new DependencyFailure("introspection", "introspection_" + reason, RETRY_AFTER);
	}

	/** No permit was free for this issuer: answered at once, never queued. */
	private DependencyFailure saturated(IntrospectionEndpoint endpoint) {
		count(endpoint, "saturated");
		log.atDebug().addKeyValue("issuer", endpoint.issuerName()).log("introspection saturated");
		return new DependencyFailure("introspection", "introspection_saturated", SATURATED_RETRY_AFTER);
	}

	private void count(IntrospectionEndpoint endpoint, String outcome) {
		Counter.builder("tollgate.introspection.calls")
			.description("RFC 7662 introspection calls")
			.tag("issuer", endpoint.issuerName())
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	/** Each answer lives until its own {@code cacheUntil}. */
	private record UntilExpiry(Clock clock) implements Expiry<String, IntrospectionAnswer> {

		@Override
		public long expireAfterCreate(String key, IntrospectionAnswer value, long currentTime) {
			long nanos = Duration.between(this.clock.instant(), value.cacheUntil()).toNanos();
			return Math.max(0, nanos);
		}

		@Override
		public long expireAfterUpdate(String key, IntrospectionAnswer value, long currentTime, long currentDuration) {
			return expireAfterCreate(key, value, currentTime);
		}

		@Override
		public long expireAfterRead(String key, IntrospectionAnswer value, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}


	/** For tests: calls in flight to this issuer. */
	int inFlight(String issuerName) {
		ConcurrencyLimit permits = this.inFlight.get(issuerName);
		return (permits != null) ? permits.inUse() : 0;
	}

	/** For tests: whether an answer is cached for this key. */
	boolean isCached(IntrospectionEndpoint endpoint, String fingerprint) {
		return this.cache.synchronous().getIfPresent(endpoint.issuerName() + ' ' + fingerprint) != null;
	}

}
