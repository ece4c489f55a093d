package dev.tollgate.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.lettuce.core.RedisURI;

/**
 * Where Redis is: one standalone server, a Sentinel-monitored primary, or a Redis Cluster given by seed nodes.
 * Built once from configuration; the URIs carry TLS ({@code rediss://}) and ACL credentials.
 *
 * @param kind the topology, which decides the Lettuce client used
 * @param nodes the server (standalone), the Sentinel URI with its sentinels (one entry), or the cluster's seeds
 */
public record RedisTopology(Kind kind, List<RedisURI> nodes) {

	/** The three ways Redis is deployed. */
	public enum Kind {

		/** One server, or a primary behind a stable address (e.g. a managed Redis endpoint). */
		STANDALONE,

		/** A primary found through Sentinel ({@code redis-sentinel://host:26379#primary}); follows failovers. */
		SENTINEL,

		/** A Redis Cluster; keys are spread over its primaries by hash slot and Lettuce follows the topology. */
		CLUSTER

	}

	public RedisTopology {
		nodes = List.copyOf(nodes);
		if (nodes.isEmpty()) {
			throw new IllegalArgumentException("no Redis node given");
		}
	}

	/**
	 * A standalone or Sentinel topology from one Lettuce URL.
	 * @throws IllegalArgumentException naming what is wrong with the URL (never echoing a password)
	 */
	public static RedisTopology fromUrl(String url, Credentials credentials) {
		RedisURI uri = parse(url);
		credentials.applyTo(uri);
		return new RedisTopology(uri.getSentinels().isEmpty() ? Kind.STANDALONE : Kind.SENTINEL, List.of(uri));
	}

	/**
	 * A cluster from seed nodes, each {@code redis://host:port}, {@code rediss://host:port} or {@code host:port}
	 * (plain TCP, or TLS when {@code ssl} is set). One reachable seed is enough: Lettuce discovers the rest.
	 */
	public static RedisTopology cluster(List<String> seeds, boolean ssl, Credentials credentials) {
		List<RedisURI> uris = new ArrayList<>();
		for (String seed : seeds) {
			String trimmed = seed.trim();
			boolean hasScheme = trimmed.toLowerCase(Locale.ROOT).startsWith("redis");
			RedisURI uri = parse(hasScheme ? trimmed : (ssl ? "rediss://" : "redis://") + trimmed);
			if (!uri.getSentinels().isEmpty()) {
				throw new IllegalArgumentException("a cluster seed cannot be a Sentinel URL: " + redact(trimmed));
			}
			credentials.applyTo(uri);
			uris.add(uri);
		}
		return new RedisTopology(Kind.CLUSTER, uris);
	}

	/** {@code standalone redis://host:port} and the like, without credentials, for logs and health details. */
	public String describe() {
		StringBuilder out = new StringBuilder(this.kind.name().toLowerCase(Locale.ROOT));
		for (RedisURI uri : this.nodes) {
			out.append(' ').append(uri.isSsl() ? "rediss://" : "redis://");
			if (uri.getSentinels().isEmpty()) {
				out.append(uri.getHost()).append(':').append(uri.getPort());
			}
			else {
				uri.getSentinels().forEach(s -> out.append(s.getHost()).append(':').append(s.getPort()).append(','));
				out.setLength(out.length() - 1);
				out.append('#').append(uri.getSentinelMasterId());
			}
		}
		return out.toString();
	}

	@Override
	public String toString() {
		return "RedisTopology[" + describe() + "]";
	}

	private static RedisURI parse(String url) {
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException("empty Redis URL");
		}
		try {
			return RedisURI.create(url.trim());
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("not a Redis URL (" + ex.getMessage() + "): " + redact(url), ex);
		}
	}

	/** The URL with any user-info replaced, so errors and logs never show a password. */
	static String redact(String url) {
		int scheme = url.indexOf("://");
		int at = url.lastIndexOf('@');
		return (scheme >= 0 && at > scheme) ? url.substring(0, scheme + 3) + "<credentials>" + url.substring(at) : url;
	}

	/**
	 * ACL credentials given apart from the URL (e.g. a password from a Secret). Empty values leave what the URL
	 * says.
	 *
	 * @param username the ACL user, or {@code null}
	 * @param password the password, or {@code null}
	 */
	public record Credentials(String username, String password) {

		/** Credentials from the URL only. */
		public static final Credentials NONE = new Credentials(null, null);

		void applyTo(RedisURI uri) {
			if (this.password == null || this.password.isEmpty()) {
				return;
			}
			String user = (this.username == null || this.username.isEmpty()) ? uri.getUsername() : this.username;
			if (user != null) {
				uri.setUsername(user);
			}
			uri.setPassword((CharSequence) this.password);
		}

		@Override
		public String toString() {
			return "Credentials[username=" + this.username + ", password=<redacted>]";
		}

	}

}
