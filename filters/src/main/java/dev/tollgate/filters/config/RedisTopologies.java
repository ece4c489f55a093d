package dev.tollgate.filters.config;

import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import dev.tollgate.redis.RedisTopology;

/**
 * Where the gateway's Redis is, from {@code tollgate.redis.*} first, else from Spring Boot's own
 * {@code spring.data.redis.*} (url; host and port; sentinel; cluster; username, password, ssl), so an application
 * that already configured Redis for Spring needs nothing more. Errors name the property.
 */
public final class RedisTopologies {

	private static final String BOOT = "spring.data.redis";

	private RedisTopologies() {
	}

	/** Whether any Redis is configured at all (else stores stay in memory). */
	public static boolean configured(Environment environment) {
		return environment.containsProperty("tollgate.redis.url")
				|| environment.containsProperty("tollgate.redis.cluster.nodes")
				|| environment.containsProperty("tollgate.redis.cluster.nodes[0]")
				|| environment.containsProperty(BOOT + ".url") || environment.containsProperty(BOOT + ".host")
				|| environment.containsProperty(BOOT + ".sentinel.master")
				|| environment.containsProperty(BOOT + ".cluster.nodes")
				|| environment.containsProperty(BOOT + ".cluster.nodes[0]");
	}

	/** The topology to connect to; {@link #configured} must be true. */
	public static RedisTopology resolve(TollgateRedisProperties tollgate, Environment environment) {
		RedisTopology.Credentials credentials = new RedisTopology.Credentials(tollgate.username(),
				tollgate.password());
		if (!tollgate.cluster().nodes().isEmpty()) {
			if (tollgate.url() != null) {
				throw new InvalidConfigurationException("tollgate.redis.cluster.nodes",
						"set either tollgate.redis.url or tollgate.redis.cluster.nodes, not both");
			}
			return parse("tollgate.redis.cluster.nodes",
					() -> RedisTopology.cluster(tollgate.cluster().nodes(), tollgate.cluster().ssl(), credentials));
		}
		if (tollgate.url() != null) {
			return parse("tollgate.redis.url", () -> RedisTopology.fromUrl(tollgate.url(), credentials));
		}
		return fromSpringBoot(Binder.get(environment));
	}

	private static RedisTopology fromSpringBoot(Binder binder) {
		String username = binder.bind(BOOT + ".username", String.class).orElse(null);
		String password = binder.bind(BOOT + ".password", String.class).orElse(null);
		boolean ssl = binder.bind(BOOT + ".ssl.enabled", Boolean.class).orElse(false);
		RedisTopology.Credentials credentials = new RedisTopology.Credentials(username, password);
		List<String> clusterNodes = binder.bind(BOOT + ".cluster.nodes", Bindable.listOf(String.class))
			.orElse(List.of());
		if (!clusterNodes.isEmpty()) {
			return parse(BOOT + ".cluster.nodes", () -> RedisTopology.cluster(clusterNodes, ssl, credentials));
		}
		String database = binder.bind(BOOT + ".database", Integer.class).map(n -> "/" + n).orElse("");
		String master = binder.bind(BOOT + ".sentinel.master", String.class).orElse(null);
		if (master != null) {
			List<String> sentinels = binder.bind(BOOT + ".sentinel.nodes", Bindable.listOf(String.class))
				.orElse(List.of());
			String url = (ssl ? "rediss-sentinel://" : "redis-sentinel://") + String.join(",", sentinels) + database
					+ "#" + master;
			return parse(BOOT + ".sentinel", () -> RedisTopology.fromUrl(url, credentials));
		}
		String url = binder.bind(BOOT + ".url", String.class).orElse(null);
		if (url == null) {
			String host = binder.bind(BOOT + ".host", String.class).orElse("localhost");
			int port = binder.bind(BOOT + ".port", Integer.class).orElse(6379);
			url = (ssl ? "rediss://" : "redis://") + host + ":" + port + database;
		}
		String resolved = url;
		return parse(BOOT + ".url", () -> RedisTopology.fromUrl(resolved, credentials));
	}

	private static RedisTopology parse(String property, java.util.function.Supplier<RedisTopology> parser) {
		try {
			return parser.get();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationException(property, ex.getMessage());
		}
	}

}
