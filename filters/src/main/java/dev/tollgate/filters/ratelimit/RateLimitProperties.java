package dev.tollgate.filters.ratelimit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
 *
 * @param policies Named policies that routes refer to. Each has one or more limits, all enforced together (e.g. a
 * burst limit {@code 20/1s} and a sustained limit {@code 100/1m}), and a default request cost.
 * @param clientOverrides Client id to policy name: this client gets that policy instead of the route's, on every
 * rate-limited route. The policy must exist.
 * @param onStoreFailure What to do when Redis is unreachable or slower than {@link #storeTimeout}: {@code local}
 * (per-instance buckets of limit / instance-count), {@code allow} (fail open) or {@code deny} (503 with Retry-After).
 * Only matters when {@code tollgate.redis.url} is set.
 * @param storeTimeout Longest wait for a reachable Redis to decide one request before the failure policy applies.
 * Sized for a healthy Redis on a busy host, where scheduling delays of tens of milliseconds are ordinary (20 ms
 * turned half of a 20-request burst into 503s): an unreachable or hung Redis does not cost each request this wait,
 * because the status probe opens the circuit and requests then take the failure policy at once.
 * @param instanceCount How many gateway instances share the limits. Used only by the {@code local} failure policy:
 * each instance then allows limit / instance-count (at least 1), so the fleet stays near the shared limit while Redis
 * is away.
 * @param keyPrefix Prefix of every Redis key. Keys are {@code <prefix>{<route>.<client>}:<engine>:<policy hash>};
 * the part in braces is a Redis Cluster hash tag. Must not contain braces.
 * @param redisEngine How Redis decides: {@code lua} (one script call per request, the default) or {@code cas}
 * (bucket4j's compare-and-swap, two round trips per attempt and retries under contention).
 * @param localMaxBuckets Most buckets kept in memory (the in-memory store, and the local fallback). Past that, the
 * least recently used are dropped and their clients start from a full bucket.
 * @param unavailableRetryAfter {@code Retry-After} sent with the 503 of the {@code deny} failure policy.
 * @param fallbackLogInterval At most one log line per route per this interval about fallback decisions; the metric
 * counts every one.
 * @param clientTagLimit Most distinct client ids used as a metric tag ({@code tollgate.ratelimit.limited.clients});
 * further clients are counted under {@code other}. Keeps metric cardinality bounded. 0 disables the client tag.
 * @param lease Leasing tokens from Redis in small batches; see {@link Lease}.
 */
@ConfigurationProperties("tollgate.rate-limit")
public record RateLimitProperties(@DefaultValue Map<String, Policy> policies,
		@DefaultValue Map<String, String> clientOverrides, @DefaultValue("local") StoreFailurePolicy onStoreFailure,
		@DefaultValue("250ms") Duration storeTimeout, @DefaultValue("1") int instanceCount,
		@DefaultValue("tollgate:rl:") String keyPrefix, @DefaultValue("lua") RedisEngine redisEngine,
		@DefaultValue("100000") long localMaxBuckets, @DefaultValue("1s") Duration unavailableRetryAfter,
		@DefaultValue("10s") Duration fallbackLogInterval, @DefaultValue("100") int clientTagLimit,
		@DefaultValue Lease lease) {

	public RateLimitProperties {
		// Insertion order is kept: policies are reported in the order they are written.
		policies = (policies != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(policies)) : Map.of();
		clientOverrides = (clientOverrides != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(clientOverrides))
				: Map.of();
	}

	/**
	 * One named policy.
	 *
	 * @param limits Limits written {@code <count>/<amount><unit>}, unit {@code s}, {@code m}, {@code h} or
	 * {@code d}, e.g. {@code ["100/1m", "20/1s"]}. At least one; windows must differ.
	 * @param cost Default cost of one request on routes that use this policy and set no cost of their own.
	 */
	public record Policy(@DefaultValue List<String> limits, @DefaultValue("1") long cost) {

		public Policy {
			limits = (limits != null) ? List.copyOf(limits) : List.of();
		}

	}

	/**
	 * Local pre-aggregation ({@code tollgate.rate-limit.lease.*}): a busy client's tokens are taken from Redis a few
	 * at a time and spent in this instance, so it costs one Redis call per lease instead of one per request. A lease
	 * is taken atomically before it is spent, so the fleet never allows more than the limit; unspent leased tokens
	 * expire with the lease, so a client spreading its calls over several instances may be refused up to one lease
	 * per instance early. Policies too small for a lease of two are decided in Redis on every request.
	 *
	 * @param enabled Whether to lease at all. Off: every decision is a Redis call.
	 * @param maxFraction The largest lease as a fraction of the policy's smallest capacity: the most a client can be
	 * refused early per instance. The default 0.01 leases only for limits of 200 and more.
	 * @param maxTokens The largest lease in tokens, whatever the capacity.
	 * @param ttl How long an instance may spend a lease. Unspent tokens are dropped after that; leases are sized to
	 * what the client spent here per this interval, so a steady client drops little.
	 * @param maxTtl How long a lease lasts for a client that calls less often than once per {@code ttl} (never longer
	 * than the policy's shortest window): it holds what the client spent per this long lately, so a client calling
	 * every 2 s costs one Redis call per five requests instead of one per request. When it stops, up to one such
	 * lease per instance is stranded. {@code ttl} or less: such clients take no lease.
	 */
	public record Lease(@DefaultValue("true") boolean enabled, @DefaultValue("0.01") double maxFraction,
			@DefaultValue("100") long maxTokens, @DefaultValue("1s") Duration ttl,
			@DefaultValue("10s") Duration maxTtl) {
	}

}
