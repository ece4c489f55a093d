package dev.tollgate.filters.authn.introspection;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
import dev.tollgate.filters.errors.DependencyFailure;

/**
 * Validates opaque tokens by RFC 7662 introspection, with a cache keyed by the issuer and the token's SHA-256
 * (never the token). Concurrent requests with the same token share one call. An answer is cached no longer than
 * the token's {@code exp} and the configured maximum; failed calls are not cached, so a 503 lasts only as long as
 * the outage. Meter {@code tollgate.introspection.calls} (issuer, outcome = active|inactive|rejected|error).
 */
public final class OpaqueTokenIntrospector {

	private static final Logger log = LoggerFactory.getLogger(OpaqueTokenIntrospector.class);

	private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final IntrospectionClient client;

	private final Clock clock;

	private final MeterRegistry registry;

	private final AsyncCache<String, IntrospectionAnswer> cache;

	public OpaqueTokenIntrospector(IntrospectionClient client, Clock clock, MeterRegistry registry, long maxEntries) {
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
		CompletableFuture<IntrospectionAnswer> answer = this.cache.get(key,
				(k, executor) -> this.client.introspect(endpoint, token)
					.map((json) -> IntrospectionAnswer.read(json, endpoint, this.clock.instant()))
					.doOnNext((read) -> count(endpoint, (read.token() != null) ? "active"
							: (read.failure() == TokenFailure.INACTIVE) ? "inactive" : "rejected"))
					.toFuture());
		return Mono.fromFuture(answer, true).onErrorMap((ex) -> failure(endpoint, ex)).flatMap((read) -> {
			if (read.token() != null) {
				return Mono.just(read.token());
			}
			return Mono.error(read.failure().fault());
		});
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
		count(endpoint, "error");
		log.atWarn().addKeyValue("issuer", endpoint.issuerName()).addKeyValue("reason", reason).log("introspection failed");
		return new DependencyFailure("introspection", "introspection_" + reason, RETRY_AFTER);
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

	/** For tests: whether an answer is cached for this key. */
	boolean isCached(IntrospectionEndpoint endpoint, String fingerprint) {
		return this.cache.synchronous().getIfPresent(endpoint.issuerName() + ' ' + fingerprint) != null;
	}

}
