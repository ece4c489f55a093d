package dev.tollgate.filters.authn.apikey;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.tollgate.apikeys.phase.BrownoutWindow;
import dev.tollgate.filters.config.ConfigurationProblems;

/** Legacy API keys and their migration to OAuth ({@code tollgate.api-keys.*}). */
@ConfigurationProperties("tollgate.api-keys")
public class ApiKeyProperties {

	/** Request header carrying the key, e.g. {@code X-API-Key}. Keys in query strings are always refused. */
	private String header = "X-API-Key";

	/**
	 * URL of the guide to moving from keys to OAuth, sent as {@code Link: <url>; rel="deprecation"} with every key in
	 * warn, brownout or reject (RFC 9745 §3), e.g. {@code https://docs.example.com/move-to-oauth}. Unset: no Link.
	 */
	private String migrationGuide;

	/**
	 * Where key records live: {@code auto} (Redis when {@code tollgate.redis.url} is set, else memory),
	 * {@code memory} (one instance only; keys are lost on restart) or {@code redis} (requires the URL).
	 */
	private String store = "auto";

	/**
	 * Namespace of every Redis key and of the pub/sub channel ({@code <prefix>:apikey:revocations}); different
	 * gateway fleets may share one Redis with different prefixes.
	 */
	private String redisPrefix = "tollgate";

	/**
	 * How long an instance trusts a cached key lookup without hearing of a change. Changes (revocation, rotation,
	 * phase) reach every instance through pub/sub in milliseconds; this bounds staleness if pub/sub is broken.
	 * {@code 0s} disables the cache.
	 */
	private Duration cacheTtl = Duration.ofSeconds(30);

	/**
	 * How old a cached lookup may be and still be served while Redis is down or hung (never less than
	 * {@code cache-ttl}, which wins if longer); a key not looked up within it gets 503 until Redis answers. A revocation made during an
	 * outage reaches this instance when Redis is back, or after this long at most.
	 */
	private Duration maxStaleness = Duration.ofMinutes(5);

	/** Most cached key lookups per instance (hits and misses). */
	private long cacheMaxEntries = 10_000;

	/** Longest wait for the key store on a request; past it the request gets 503 with {@code Retry-After}. */
	private Duration lookupTimeout = Duration.ofMillis(500);

	/** {@code Retry-After} sent with a 503 when the key store is down. */
	private Duration retryAfter = Duration.ofSeconds(5);

	/** How long a rotated key keeps working after its successor is issued, unless the rotation names another. */
	private Duration rotationOverlap = Duration.ofHours(24);

	/**
	 * Brownout windows for keys and routes in {@code brownout} that name none: {@code HH:mm/duration} daily in UTC
	 * (e.g. {@code 15:00/15m}) or {@code <ISO-8601 instant>/duration} once.
	 */
	private List<String> brownoutWindows = new ArrayList<>(List.of("15:00/15m"));

	/** How often usage counts (per key, route and day; OAuth vs key per client) are written to the store. */
	private Duration usageFlushInterval = Duration.ofSeconds(10);

	/** Most distinct usage counters held between flushes; beyond it calls are not counted (and a metric says so). */
	private int usageMaxPending = 100_000;

	/** How long daily usage counters are kept in Redis. */
	private Duration usageRetention = Duration.ofDays(400);

	/** Period of the migration report, in days: traffic shares and "unused for N days". */
	private int reportDays = 30;

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

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		this.header = header;
	}

	public String getMigrationGuide() {
		return this.migrationGuide;
	}

	public void setMigrationGuide(String migrationGuide) {
		this.migrationGuide = migrationGuide;
	}

	public String getStore() {
		return this.store;
	}

	public void setStore(String store) {
		this.store = store;
	}

	public String getRedisPrefix() {
		return this.redisPrefix;
	}

	public void setRedisPrefix(String redisPrefix) {
		this.redisPrefix = redisPrefix;
	}

	public Duration getCacheTtl() {
		return this.cacheTtl;
	}

	public void setCacheTtl(Duration cacheTtl) {
		this.cacheTtl = cacheTtl;
	}

	public Duration getMaxStaleness() {
		return this.maxStaleness;
	}

	/** The staleness the cache uses: {@code max-staleness}, or {@code cache-ttl} if that is longer. */
	public Duration effectiveMaxStaleness() {
		return (this.maxStaleness.compareTo(this.cacheTtl) < 0) ? this.cacheTtl : this.maxStaleness;
	}

	public void setMaxStaleness(Duration maxStaleness) {
		this.maxStaleness = maxStaleness;
	}

	public long getCacheMaxEntries() {
		return this.cacheMaxEntries;
	}

	public void setCacheMaxEntries(long cacheMaxEntries) {
		this.cacheMaxEntries = cacheMaxEntries;
	}

	public Duration getLookupTimeout() {
		return this.lookupTimeout;
	}

	public void setLookupTimeout(Duration lookupTimeout) {
		this.lookupTimeout = lookupTimeout;
	}

	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	public void setRetryAfter(Duration retryAfter) {
		this.retryAfter = retryAfter;
	}

	public Duration getRotationOverlap() {
		return this.rotationOverlap;
	}

	public void setRotationOverlap(Duration rotationOverlap) {
		this.rotationOverlap = rotationOverlap;
	}

	public List<String> getBrownoutWindows() {
		return this.brownoutWindows;
	}

	public void setBrownoutWindows(List<String> brownoutWindows) {
		this.brownoutWindows = brownoutWindows;
	}

	public Duration getUsageFlushInterval() {
		return this.usageFlushInterval;
	}

	public void setUsageFlushInterval(Duration usageFlushInterval) {
		this.usageFlushInterval = usageFlushInterval;
	}

	public int getUsageMaxPending() {
		return this.usageMaxPending;
	}

	public void setUsageMaxPending(int usageMaxPending) {
		this.usageMaxPending = usageMaxPending;
	}

	public Duration getUsageRetention() {
		return this.usageRetention;
	}

	public void setUsageRetention(Duration usageRetention) {
		this.usageRetention = usageRetention;
	}

	public int getReportDays() {
		return this.reportDays;
	}

	public void setReportDays(int reportDays) {
		this.reportDays = reportDays;
	}

}
