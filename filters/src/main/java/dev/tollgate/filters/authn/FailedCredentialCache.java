package dev.tollgate.filters.authn;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.tollgate.filters.core.CallerFault;

/**
 * A short negative cache: credentials that definitively failed (unknown or revoked key, bad signature, expired...),
 * keyed by the hash the authenticator already computed, mapped to the very {@link CallerFault} they got, so a
 * repeat gets an identical answer without another signature check or store lookup. Never holds a dependency failure
 * (503), nor a refusal that depends on the route or on time moving forward.
 * <p>
 * Bounded in entries and in time: an entry lives {@code ttl} after it was written, so a credential that becomes
 * valid later (a key issued or restored, a key the IdP publishes) is refused from cache for at most {@code ttl}.
 * {@link #clear()} drops everything at once (API keys: on every key-change announcement); a lookup that was in flight
 * when the cache was cleared is not stored ({@link #generation()}). Meter {@code tollgate.authn.failed_credentials}
 * (kind, outcome = {@code stored} | {@code hit}).
 */
public final class FailedCredentialCache {

	private final Cache<String, CallerFault> cache;

	private final AtomicLong generation = new AtomicLong();

	private final Counter stored;

	private final Counter hits;

	/**
	 * @param kind bounded tag naming the credentials cached, {@code bearer} or {@code api-key}
	 * @param ttl how long a failure is remembered; zero disables the cache
	 * @param maxEntries bound on remembered failures; zero disables the cache
	 */
	public FailedCredentialCache(String kind, Duration ttl, long maxEntries, Clock clock, MeterRegistry registry) {
		boolean enabled = !ttl.isZero() && !ttl.isNegative() && maxEntries > 0;
		this.cache = enabled ? Caffeine.newBuilder()
			.maximumSize(maxEntries)
			.expireAfterWrite(ttl)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.executor(Runnable::run)
			.build() : null;
		this.stored = counter(registry, kind, "stored");
		this.hits = counter(registry, kind, "hit");
	}

	/** A cache that remembers nothing. */
	public static FailedCredentialCache disabled(String kind) {
		return new FailedCredentialCache(kind, Duration.ZERO, 0, Clock.systemUTC(), new SimpleMeterRegistry());
	}

	private static Counter counter(MeterRegistry registry, String kind, String outcome) {
		return Counter.builder("tollgate.authn.failed_credentials")
			.description("Negative cache of credentials that failed: failures stored, and repeats answered from it")
			.tag("kind", kind)
			.tag("outcome", outcome)
			.register(registry);
	}

	/** The remembered refusal for this credential hash, or {@code null}. */
	public CallerFault get(String hash) {
		if (this.cache == null) {
			return null;
		}
		CallerFault fault = this.cache.getIfPresent(hash);
		if (fault != null) {
			this.hits.increment();
		}
		return fault;
	}

	/** Take this before starting a lookup whose failure may be stored, and pass it to {@link #put}. */
	public long generation() {
		return this.generation.get();
	}

	/**
	 * Remember a definitive failure, unless the cache was cleared since {@code generation} was taken (the failure
	 * may be stale: the key may have been issued or restored meanwhile).
	 */
	public void put(String hash, CallerFault fault, long generation) {
		if (this.cache == null || this.generation.get() != generation) {
			return;
		}
		this.cache.put(hash, fault);
		if (this.generation.get() != generation) {
			this.cache.invalidate(hash);
			return;
		}
		this.stored.increment();
	}

	/** Forget every failure (a key changed somewhere). */
	public void clear() {
		this.generation.incrementAndGet();
		if (this.cache != null) {
			this.cache.invalidateAll();
		}
	}

	/** Approximate number of remembered failures; for tests and diagnostics. */
	public long size() {
		if (this.cache == null) {
			return 0;
		}
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

}
