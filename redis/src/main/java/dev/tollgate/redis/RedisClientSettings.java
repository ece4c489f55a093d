package dev.tollgate.redis;

import java.time.Duration;

/**
 * How the shared client behaves, with defaults for a gateway on a busy host: fail a late command rather than queue
 * it, notice an outage within about a second, and follow a cluster's topology.
 *
 * @param commandTimeout upper bound Lettuce puts on any command; callers use shorter budgets of their own
 * @param connectTimeout how long one connection attempt may take
 * @param retryInterval pause between attempts to open a connection that was never open (Lettuce reconnects open
 * ones by itself, backing off to the same interval)
 * @param probeInterval how often the status probe pings Redis
 * @param probeTimeout how long a probe {@code PING} may take before it counts as failed (unless Redis answered other
 * commands meanwhile, or the {@code PING}'s own reply arrives within the command timeout)
 * @param topologyRefresh how often a cluster client re-reads the topology (failovers and resharding are also
 * followed at once through adaptive refresh)
 */
public record RedisClientSettings(Duration commandTimeout, Duration connectTimeout, Duration retryInterval,
		Duration probeInterval, Duration probeTimeout, Duration topologyRefresh) {

	/** The defaults documented in the operations guide. */
	public static final RedisClientSettings DEFAULTS = new RedisClientSettings(Duration.ofSeconds(2),
			Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500),
			Duration.ofSeconds(30));

	public RedisClientSettings {
		positive("command-timeout", commandTimeout);
		positive("connect-timeout", connectTimeout);
		positive("retry-interval", retryInterval);
		positive("probe-interval", probeInterval);
		positive("probe-timeout", probeTimeout);
		positive("topology-refresh", topologyRefresh);
	}

	private static void positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
		}
	}

}
