package dev.tollgate.filters.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.tollgate.filters.ratelimit.store.RedisEngine;

/**
 * Per-client rate limiting ({@code tollgate.rate-limit.*}). Checked at startup ({@link RateLimitPolicies#check}): a
 * malformed limit, a policy without limits, an override naming an unknown policy or an out-of-range setting stops
 * startup with a message naming the property.
 *
 * <pre>
 * tollgate:
 *   rate-limit:
 *     on-store-failure: local
 *     policies:
 *       standard: { limits: ["100/1m", "20/1s"] }
 *       premium:  { limits: ["1000/1m"] }
 *     client-overrides: { agent-x: premium }
 * </pre>
 */
@ConfigurationProperties("tollgate.rate-limit")
public class RateLimitProperties {

	/**
	 * Named policies that routes refer to. Each has one or more limits, all enforced together (e.g. a burst limit
	 * {@code 20/1s} and a sustained limit {@code 100/1m}), and a default request cost.
	 */
	private Map<String, Policy> policies = new LinkedHashMap<>();

	/**
	 * Client id to policy name: this client gets that policy instead of the route's, on every rate-limited route.
	 * The policy must exist.
	 */
	private Map<String, String> clientOverrides = new LinkedHashMap<>();

	/**
	 * What to do when Redis is unreachable or slower than {@link #storeTimeout}: {@code local} (per-instance buckets
	 * of limit / instance-count), {@code allow} (fail open) or {@code deny} (503 with Retry-After). Only matters when
	 * {@code tollgate.redis.url} is set.
	 */
	private StoreFailurePolicy onStoreFailure = StoreFailurePolicy.LOCAL;

	/**
	 * Longest wait for a reachable Redis to decide one request before the failure policy applies. Sized for a
	 * healthy Redis on a busy host, where scheduling delays of tens of milliseconds are ordinary (20 ms turned half
	 * of a 20-request burst into 503s): an unreachable or hung Redis does not cost each request this wait, because
	 * the status probe opens the circuit and requests then take the failure policy at once.
	 */
	private Duration storeTimeout = Duration.ofMillis(250);

	/**
	 * How many gateway instances share the limits. Used only by the {@code local} failure policy: each instance then
	 * allows limit / instance-count (at least 1), so the fleet stays near the shared limit while Redis is away.
	 */
	private int instanceCount = 1;

	/**
	 * Prefix of every Redis key. Keys are {@code <prefix>{<route>.<client>}:<engine>:<policy hash>}; the part in
	 * braces is a Redis Cluster hash tag. Must not contain braces.
	 */
	private String keyPrefix = "tollgate:rl:";

	/**
	 * How Redis decides: {@code lua} (one script call per request, the default) or {@code cas} (bucket4j's
	 * compare-and-swap, two round trips per attempt and retries under contention).
	 */
	private RedisEngine redisEngine = RedisEngine.LUA;

	/**
	 * Most buckets kept in memory (the in-memory store, and the local fallback). Past that, the least recently used
	 * are dropped and their clients start from a full bucket.
	 */
	private long localMaxBuckets = 100_000;

	/** {@code Retry-After} sent with the 503 of the {@code deny} failure policy. */
	private Duration unavailableRetryAfter = Duration.ofSeconds(1);

	/** At most one log line per route per this interval about fallback decisions; the metric counts every one. */
	private Duration fallbackLogInterval = Duration.ofSeconds(10);

	/**
	 * Most distinct client ids used as a metric tag ({@code tollgate.ratelimit.limited.clients}); further clients
	 * are counted under {@code other}. Keeps metric cardinality bounded. 0 disables the client tag.
	 */
	private int clientTagLimit = 100;

	/** Leasing tokens from Redis in small batches; see {@link Lease}. */
	private final Lease lease = new Lease();

	/** One named policy. */
	public static class Policy {

		/**
		 * Limits written {@code <count>/<amount><unit>}, unit {@code s}, {@code m}, {@code h} or {@code d}, e.g.
		 * {@code ["100/1m", "20/1s"]}. At least one; windows must differ.
		 */
		private List<String> limits = new ArrayList<>();

		/** Default cost of one request on routes that use this policy and set no cost of their own. */
		private long cost = 1;

		public List<String> getLimits() {
			return this.limits;
		}

		public void setLimits(List<String> limits) {
			this.limits = limits;
		}

		public long getCost() {
			return this.cost;
		}

		public void setCost(long cost) {
			this.cost = cost;
		}

	}

	/**
	 * Local pre-aggregation ({@code tollgate.rate-limit.lease.*}): a busy client's tokens are taken from Redis a few
	 * at a time and spent in this instance, so it costs one Redis call per lease instead of one per request. A lease
	 * is taken atomically before it is spent, so the fleet never allows more than the limit; unspent leased tokens
	 * expire with the lease, so a client spreading its calls over several instances may be refused up to one lease
	 * per instance early. Policies too small for a lease of two are decided in Redis on every request.
	 */
	public static class Lease {

		/** Whether to lease at all. Off: every decision is a Redis call. */
		private boolean enabled = true;

		/**
		 * The largest lease as a fraction of the policy's smallest capacity: the most a client can be refused early
		 * per instance. The default 0.01 leases only for limits of 200 and more.
		 */
		private double maxFraction = 0.01;

		/** The largest lease in tokens, whatever the capacity. */
		private long maxTokens = 100;

		/**
		 * How long an instance may spend a lease. Unspent tokens are dropped after that; leases are sized to what the
		 * client spent here per this interval, so a steady client drops little.
		 */
		private Duration ttl = Duration.ofSeconds(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getMaxFraction() {
			return this.maxFraction;
		}

		public void setMaxFraction(double maxFraction) {
			this.maxFraction = maxFraction;
		}

		public long getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(long maxTokens) {
			this.maxTokens = maxTokens;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

	}

	public Lease getLease() {
		return this.lease;
	}

	public Map<String, Policy> getPolicies() {
		return this.policies;
	}

	public void setPolicies(Map<String, Policy> policies) {
		this.policies = policies;
	}

	public Map<String, String> getClientOverrides() {
		return this.clientOverrides;
	}

	public void setClientOverrides(Map<String, String> clientOverrides) {
		this.clientOverrides = clientOverrides;
	}

	public StoreFailurePolicy getOnStoreFailure() {
		return this.onStoreFailure;
	}

	public void setOnStoreFailure(StoreFailurePolicy onStoreFailure) {
		this.onStoreFailure = onStoreFailure;
	}

	public Duration getStoreTimeout() {
		return this.storeTimeout;
	}

	public void setStoreTimeout(Duration storeTimeout) {
		this.storeTimeout = storeTimeout;
	}

	public int getInstanceCount() {
		return this.instanceCount;
	}

	public void setInstanceCount(int instanceCount) {
		this.instanceCount = instanceCount;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public RedisEngine getRedisEngine() {
		return this.redisEngine;
	}

	public void setRedisEngine(RedisEngine redisEngine) {
		this.redisEngine = redisEngine;
	}

	public long getLocalMaxBuckets() {
		return this.localMaxBuckets;
	}

	public void setLocalMaxBuckets(long localMaxBuckets) {
		this.localMaxBuckets = localMaxBuckets;
	}

	public Duration getUnavailableRetryAfter() {
		return this.unavailableRetryAfter;
	}

	public void setUnavailableRetryAfter(Duration unavailableRetryAfter) {
		this.unavailableRetryAfter = unavailableRetryAfter;
	}

	public Duration getFallbackLogInterval() {
		return this.fallbackLogInterval;
	}

	public void setFallbackLogInterval(Duration fallbackLogInterval) {
		this.fallbackLogInterval = fallbackLogInterval;
	}

	public int getClientTagLimit() {
		return this.clientTagLimit;
	}

	public void setClientTagLimit(int clientTagLimit) {
		this.clientTagLimit = clientTagLimit;
	}

}
