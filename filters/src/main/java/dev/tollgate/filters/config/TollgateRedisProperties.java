package dev.tollgate.filters.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The Redis shared by every gateway instance ({@code tollgate.redis.*}). Absent URL: in-memory stores only. */
@ConfigurationProperties("tollgate.redis")
public class TollgateRedisProperties {

	/**
	 * Redis URL in Lettuce syntax, e.g. {@code redis://127.0.0.1:6379}, {@code rediss://user:pass@host:6380/0} or
	 * {@code redis-sentinel://host:26379#mymaster}. Unset: every store is in memory (one instance only).
	 */
	private String url;

	/**
	 * Upper bound for any Redis command, after which Lettuce fails it. Callers use shorter budgets of their own
	 * (e.g. {@code tollgate.rate-limit.store-timeout}); this one keeps abandoned commands from piling up.
	 */
	private Duration commandTimeout = Duration.ofSeconds(2);

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public Duration getCommandTimeout() {
		return this.commandTimeout;
	}

	public void setCommandTimeout(Duration commandTimeout) {
		this.commandTimeout = commandTimeout;
	}

}
