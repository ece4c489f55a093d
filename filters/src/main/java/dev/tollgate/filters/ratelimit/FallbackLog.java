package dev.tollgate.filters.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log line about fallback decisions, itself rate-limited: at most one line per route per interval, carrying how
 * many fallbacks it stands for. When Redis is down every request falls back; logging each would flood the logs
 * exactly when operators read them. The metric still counts every fallback.
 */
final class FallbackLog {

	private static final Logger log = LoggerFactory.getLogger("tollgate.ratelimit");

	private final Clock clock;

	private final long intervalMillis;

	private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

	FallbackLog(Clock clock, Duration interval) {
		this.clock = clock;
		this.intervalMillis = interval.toMillis();
	}

	/** @return true when this call wrote a line */
	boolean fallback(String routeId, StoreFailurePolicy policy, String reason, String store) {
		Window window = this.windows.computeIfAbsent(routeId, r -> new Window());
		window.pending.incrementAndGet();
		long now = this.clock.millis();
		long last = window.lastLogged.get();
		if (last != Long.MIN_VALUE && now - last < this.intervalMillis) {
			return false;
		}
		if (!window.lastLogged.compareAndSet(last, now)) {
			return false;
		}
		long covered = window.pending.getAndSet(0);
		log.atWarn()
			.addKeyValue("route", routeId)
			.addKeyValue("store", store)
			.addKeyValue("failure_policy", policy.tag())
			.addKeyValue("reason", reason)
			.addKeyValue("fallbacks", covered)
			.log("rate-limit store not used; failure policy applied");
		return true;
	}

	private static final class Window {

		final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);

		final AtomicLong pending = new AtomicLong();

	}

}
