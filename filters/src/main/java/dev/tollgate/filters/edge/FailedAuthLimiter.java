package dev.tollgate.filters.edge;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.tollgate.filters.core.RateLimited;
import dev.tollgate.filters.ratelimit.store.Limit;

/**
 * Failed authentications per client address, in fixed windows: once an address has failed {@code limit.capacity()}
 * times within a window, it is refused with 429 until the window ends. Only failures count; a success neither
 * counts nor resets. IPv4 addresses count one by one; IPv6 addresses by their /64 prefix, because one host is
 * usually given a whole /64 and could otherwise rotate through it.
 * <p>
 * State is in this instance's memory, bounded to {@code maxAddresses} (Caffeine's size eviction drops the windows
 * least likely to be used again): with N gateway instances behind a load balancer an address gets up to N times
 * the limit. Meters:
 * {@code tollgate.edge.failed_auth} (outcome {@code counted}, {@code blocked}), no address in any tag.
 */
public final class FailedAuthLimiter {

	/** Reason tag of the refusal, in answers, metrics and logs. */
	public static final String REASON = "failed_auth_limited";

	private static final String DESCRIPTION = "Too many failed authentication attempts from this address; "
			+ "try again later.";

	private final Limit limit;

	private final Clock clock;

	private final Cache<String, Window> windows;

	private final Counter counted;

	private final Counter blocked;

	/**
	 * @param limit failures allowed per window, e.g. {@code 20/1m}
	 * @param maxAddresses bound on addresses tracked at once
	 */
	public FailedAuthLimiter(Limit limit, long maxAddresses, Clock clock, MeterRegistry registry) {
		this.limit = limit;
		this.clock = clock;
		this.windows = Caffeine.newBuilder()
			.maximumSize(maxAddresses)
			.expireAfterWrite(limit.window())
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.executor(Runnable::run)
			.build();
		this.counted = counter(registry, "counted");
		this.blocked = counter(registry, "blocked");
	}

	private static Counter counter(MeterRegistry registry, String outcome) {
		return Counter.builder("tollgate.edge.failed_auth")
			.description("Failed authentications per client address: counted, or requests blocked by the limit")
			.tag("outcome", outcome)
			.register(registry);
	}

	public Limit limit() {
		return this.limit;
	}

	/**
	 * The refusal for a request from {@code address}, or {@code null} when the address is under its limit.
	 * @param address the client address ({@link ClientAddress}); {@code null} is never limited
	 */
	public RateLimited check(InetAddress address) {
		if (address == null) {
			return null;
		}
		Window window = this.windows.getIfPresent(key(address));
		long now = this.clock.millis();
		if (window == null || now >= window.endMillis() || window.failures() < this.limit.capacity()) {
			return null;
		}
		this.blocked.increment();
		long seconds = Math.max(1, (window.endMillis() - now + 999) / 1000);
		return new RateLimited(REASON, DESCRIPTION, Map.of("Retry-After", Long.toString(seconds)));
	}

	/**
	 * Counts one failed authentication from {@code address}.
	 * @return true when this failure reached the limit: the address is refused from now until its window ends (once
	 * per address and window, so callers can log it without flooding the log)
	 */
	public boolean recordFailure(InetAddress address) {
		if (address == null) {
			return false;
		}
		long now = this.clock.millis();
		long windowMillis = this.limit.window().toMillis();
		Window window = this.windows.asMap().compute(key(address), (k, w) -> (w == null || now >= w.endMillis())
				? new Window(now + windowMillis, 1) : new Window(w.endMillis(), w.failures() + 1));
		this.counted.increment();
		return window.failures() == this.limit.capacity();
	}

	/** Number of addresses tracked; for tests and diagnostics. */
	public long trackedAddresses() {
		this.windows.cleanUp();
		return this.windows.estimatedSize();
	}

	/** The address, or an IPv6 address's /64 prefix. */
	static String key(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address) {
			return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
		}
		return address.getHostAddress();
	}

	private record Window(long endMillis, int failures) {
	}

}
