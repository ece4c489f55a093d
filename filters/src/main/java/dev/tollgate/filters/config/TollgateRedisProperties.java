package dev.tollgate.filters.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.tollgate.redis.RedisClientSettings;

/**
 * The Redis shared by every gateway instance ({@code tollgate.redis.*}). Neither {@code url} nor
 * {@code cluster.nodes} set: Spring Boot's own {@code spring.data.redis.*} connection settings are used if present,
 * else every store is in memory (one instance only).
 *
 * @param url a standalone or Sentinel server in Lettuce syntax: {@code redis://host:6379},
 * {@code rediss://user:pass@host:6380/0} (TLS, ACL user), {@code redis-sentinel://host:26379#primary}
 * @param cluster a Redis Cluster instead of {@code url}
 * @param username ACL user for the data nodes, overriding the URL's (e.g. from a Secret)
 * @param password password for the data nodes, overriding the URL's; keeps it out of ConfigMaps and URLs
 * @param sslBundle a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose trust store (and key store, for
 * client certificates) {@code rediss://} connections use; unset: the JDK's trusted CAs
 * @param commandTimeout upper bound for any Redis command; stores use shorter budgets of their own
 * ({@code tollgate.rate-limit.store-timeout}, {@code tollgate.api-keys.lookup-timeout})
 * @param connectTimeout how long one connection attempt may take
 * @param retryInterval pause between attempts while Redis has never been reached (e.g. down at startup)
 * @param probeInterval how often the gateway pings Redis to know whether it is up; two failed pings in a row make
 * stores fail fast until one succeeds
 * @param probeTimeout how long a ping may take before it counts as failed (unless Redis answered other commands
 * meanwhile, or the ping's own reply still arrives within the command timeout: a busy host, not an outage)
 */
@ConfigurationProperties("tollgate.redis")
public record TollgateRedisProperties(String url, @DefaultValue Cluster cluster, String username, String password,
		String sslBundle,
		@DefaultValue("2s") Duration commandTimeout, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("1s") Duration retryInterval, @DefaultValue("1s") Duration probeInterval,
		@DefaultValue("500ms") Duration probeTimeout) {

	/**
	 * A Redis Cluster.
	 *
	 * @param nodes seed nodes, {@code host:port} or {@code redis://host:port} / {@code rediss://host:port}; one
	 * reachable seed is enough, the rest is discovered
	 * @param ssl TLS to seeds given as {@code host:port}
	 * @param topologyRefresh how often the topology is re-read; failovers and resharding are followed at once too
	 */
	public record Cluster(@DefaultValue List<String> nodes, boolean ssl,
			@DefaultValue("30s") Duration topologyRefresh) {
	}

	/** The client settings, validated. */
	public RedisClientSettings settings() {
		try {
			return new RedisClientSettings(this.commandTimeout, this.connectTimeout, this.retryInterval,
					this.probeInterval, this.probeTimeout, this.cluster.topologyRefresh());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationException("tollgate.redis", ex.getMessage());
		}
	}

	@Override
	public String toString() {
		return "TollgateRedisProperties[url=<redacted>, cluster=" + this.cluster.nodes() + "]";
	}

}
