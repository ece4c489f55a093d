package dev.tollgate.filters.authn.apikey;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.tollgate.apikeys.phase.BrownoutWindow;
import dev.tollgate.filters.config.ConfigurationProblems;

/**
 * Legacy API keys and their migration to OAuth ({@code tollgate.api-keys.*}).
 *
 * @param header Request header carrying the key, e.g. {@code X-API-Key}. Keys in query strings are always refused.
 * @param migrationGuide URL of the guide to moving from keys to OAuth, sent as
 * {@code Link: <url>; rel="deprecation"} with every key in warn, brownout or reject (RFC 9745 §3), e.g.
 * {@code https://docs.example.com/move-to-oauth}. Unset: no Link.
 * @param store Where key records live: {@code auto} (Redis when {@code tollgate.redis.url} is set, else memory),
 * {@code memory} (one instance only; keys are lost on restart) or {@code redis} (requires the URL).
 * @param redisPrefix Namespace of every Redis key and of the pub/sub channel ({@code <prefix>:apikey:revocations});
 * different gateway fleets may share one Redis with different prefixes.
 * @param cacheTtl How long an instance trusts a cached key lookup without hearing of a change. Changes (revocation,
 * rotation, phase) reach every instance through pub/sub in milliseconds; this bounds staleness if pub/sub is broken.
 * {@code 0s} disables the cache.
 * @param maxStaleness How old a cached lookup may be and still be served while Redis is down or hung (never less
 * than {@code cache-ttl}, which wins if longer); a key not looked up within it gets 503 until Redis answers. A
 * revocation made during an outage reaches this instance when Redis is back, or after this long at most.
 * @param cacheMaxEntries Most cached key lookups per instance (hits and misses).
 * @param lookupTimeout Longest wait for the key store on a request; past it the request gets 503 with
 * {@code Retry-After}.
 * @param retryAfter {@code Retry-After} sent with a 503 when the key store is down.
 * @param rotationOverlap How long a rotated key keeps working after its successor is issued, unless the rotation
 * names another.
 * @param brownoutWindows Brownout windows for keys and routes in {@code brownout} that name none:
 * {@code HH:mm/duration} daily in UTC (e.g. {@code 15:00/15m}) or {@code <ISO-8601 instant>/duration} once.
 * @param usageFlushInterval How often usage counts (per key, route and day; OAuth vs key per client) are written to
 * the store.
 * @param usageMaxPending Most distinct usage counters held between flushes; beyond it calls are not counted (and a
 * metric says so).
 * @param usageRetention How long daily usage counters are kept in Redis.
 * @param reportDays Period of the migration report, in days: traffic shares and "unused for N days".
 */
@ConfigurationProperties("tollgate.api-keys")
public record ApiKeyProperties(@DefaultValue("X-API-Key") String header, String migrationGuide,
		@DefaultValue("auto") String store, @DefaultValue("tollgate") String redisPrefix,
		@DefaultValue("30s") Duration cacheTtl, @DefaultValue("5m") Duration maxStaleness,
		@DefaultValue("10000") long cacheMaxEntries, @DefaultValue("500ms") Duration lookupTimeout,
		@DefaultValue("5s") Duration retryAfter, @DefaultValue("24h") Duration rotationOverlap,
		@DefaultValue("15:00/15m") List<String> brownoutWindows, @DefaultValue("10s") Duration usageFlushInterval,
		@DefaultValue("100000") int usageMaxPending, @DefaultValue("400d") Duration usageRetention,
		@DefaultValue("30") int reportDays) {

	public ApiKeyProperties {
		brownoutWindows = (brownoutWindows != null) ? List.copyOf(brownoutWindows) : List.of();
	}

	/** Adds a problem for every bad value; checked at startup, so the gateway stops with precise messages. */
	public void validate(ConfigurationProblems problems) {
		require(problems, this.header != null && this.header.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+"), "header",
				"must be an HTTP header name");
		if (this.migrationGuide != null) {
			URI uri;
			try {
				uri = URI.create(this.migrationGuide);
			}
			catch (IllegalArgumentException ex) {
				uri = null;
			}
			require(problems, uri != null && uri.isAbsolute() && uri.getHost() != null
					&& this.migrationGuide.indexOf('>') < 0, "migration-guide", "must be an absolute http(s) URL");
		}
		require(problems, List.of("auto", "memory", "redis").contains(this.store.toLowerCase(Locale.ROOT)), "store",
				"must be auto, memory or redis");
		require(problems, this.redisPrefix != null && this.redisPrefix.matches("[A-Za-z0-9._-]+"), "redis-prefix",
				"must be letters, digits, '.', '_' or '-'");
		require(problems, !this.cacheTtl.isNegative(), "cache-ttl", "must not be negative");
		require(problems, !this.maxStaleness.isNegative(), "max-staleness", "must not be negative");
		require(problems, this.cacheMaxEntries > 0, "cache-max-entries", "must be positive");
		require(problems, positive(this.lookupTimeout), "lookup-timeout", "must be positive");
		require(problems, positive(this.retryAfter), "retry-after", "must be positive");
		require(problems, !this.rotationOverlap.isNegative(), "rotation-overlap", "must not be negative");
		require(problems, positive(this.usageFlushInterval), "usage-flush-interval", "must be positive");
		require(problems, this.usageMaxPending > 0, "usage-max-pending", "must be positive");
		require(problems, positive(this.usageRetention), "usage-retention", "must be positive");
		require(problems, this.reportDays > 0, "report-days", "must be positive");
		for (String window : this.brownoutWindows) {
			try {
				BrownoutWindow.parse(window);
			}
			catch (IllegalArgumentException ex) {
				problems.add("tollgate.api-keys.brownout-windows", ex.getMessage());
			}
		}
	}

	/** The parsed default brownout windows. */
	public List<BrownoutWindow> parsedBrownoutWindows() {
		return this.brownoutWindows.stream().map(BrownoutWindow::parse).toList();
	}

	private static boolean positive(Duration d) {
		return d != null && !d.isNegative() && !d.isZero();
	}

	private static void require(ConfigurationProblems problems, boolean ok, String property, String message) {
		if (!ok) {
			problems.add("tollgate.api-keys." + property, message);
		}
	}

	/** The staleness the cache uses: {@code max-staleness}, or {@code cache-ttl} if that is longer. */
	public Duration effectiveMaxStaleness() {
		return (this.maxStaleness.compareTo(this.cacheTtl) < 0) ? this.cacheTtl : this.maxStaleness;
	}

}
