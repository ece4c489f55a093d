package dev.tollgate.filters.edge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.tollgate.filters.config.ConfigurationProblems;

/**
 * {@code tollgate.gateway.connections.*}: how long the HTTP server (Reactor Netty) waits for a caller, so idle and
 * partial connections cannot pile up until file descriptors run out. The defaults leave room for slow mobile or
 * congested clients and for pauses of a busy host, while bounding what one silent connection can hold. Request
 * header and request-line sizes are Spring Boot's own {@code server.max-http-request-header-size} (8 KB) and
 * {@code server.netty.max-initial-line-length} (4 KB); Boot's {@code server.netty.idle-timeout} and
 * {@code server.netty.max-keep-alive-requests}, when set, override the values here.
 *
 * @param headerTimeout the header-read deadline: once a connection opens, or once the first byte of a further
 * request arrives on it, the whole request line and headers must arrive within this time, or the connection is
 * closed without an answer. Trickling bytes does not extend it (a slowloris keeps an idle timeout alive forever).
 * Default {@code 20s}: a request head is a few kilobytes, which even a poor link sends in well under a second.
 * @param idleTimeout how long a connection may wait between requests (keep-alive) before it is closed. Default
 * {@code 60s}; keep it above the idle timeout of a load balancer in front (many default to 60 s or less), so the
 * balancer, not the gateway, closes idle connections and never reuses one the gateway has just closed.
 * @param readTimeout longest gap between two reads of a request body once its head has arrived; the connection is
 * then closed. Default {@code 30s}.
 * @param requestTimeout longest time to receive a whole request body once its head has arrived; then {@code 408} and
 * the connection is closed. Default {@code 2m}: generous for API payloads, raise it for large uploads on slow links.
 * @param maxKeepAliveRequests requests served on one connection before the gateway closes it (after the answer), so
 * long-lived clients rebalance across instances. Default {@code 1000}; {@code -1} for no limit.
 * @param unreadBodyLimit a request body nobody read (a request refused before its body mattered) is read and
 * discarded up to this size before the answer is written, so the connection stays usable; a larger one is answered
 * with {@code Connection: close}. Default {@code 64KB}.
 */
@ConfigurationProperties("tollgate.gateway.connections")
public record ConnectionsProperties(@DefaultValue("20s") Duration headerTimeout,
		@DefaultValue("60s") Duration idleTimeout, @DefaultValue("30s") Duration readTimeout,
		@DefaultValue("2m") Duration requestTimeout, @DefaultValue("1000") int maxKeepAliveRequests,
		@DefaultValue("64KB") DataSize unreadBodyLimit) {

	private static final String PREFIX = "tollgate.gateway.connections.";


	/** Adds a problem for every value out of range; checked at startup, before the server is configured. */
	public void validate(ConfigurationProblems problems) {
		requirePositive(problems, "header-timeout", this.headerTimeout);
		requirePositive(problems, "idle-timeout", this.idleTimeout);
		requirePositive(problems, "read-timeout", this.readTimeout);
		requirePositive(problems, "request-timeout", this.requestTimeout);
		if (this.maxKeepAliveRequests == 0 || this.maxKeepAliveRequests < -1) {
			problems.add(PREFIX + "max-keep-alive-requests", "must be positive or -1 (no limit)");
		}
		if (this.unreadBodyLimit == null || this.unreadBodyLimit.isNegative()) {
			problems.add(PREFIX + "unread-body-limit", "must not be negative");
		}
	}

	private static void requirePositive(ConfigurationProblems problems, String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			problems.add(PREFIX + name, "must be a positive duration");
		}
	}

}
