package dev.tollgate.filters.ratelimit.store;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One limit of a policy: at most {@code capacity} cost units per {@code window}, refilled continuously (a token
 * bucket with greedy refill, so a full bucket allows a burst of {@code capacity}). Written {@code 100/1m}.
 *
 * @param capacity the quota per window, at least 1
 * @param window the window, a whole number of seconds (so it can be sent as the {@code w} parameter of
 * {@code RateLimit-Policy})
 */
public record Limit(long capacity, Duration window) {

	private static final Pattern SYNTAX = Pattern.compile("(\\d{1,12})\\s*/\\s*(\\d{0,9})\\s*([smhd])");

	public Limit {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1");
		}
		if (window.isNegative() || window.isZero() || window.toNanos() % 1_000_000_000L != 0) {
			throw new IllegalArgumentException("window must be a positive whole number of seconds");
		}
	}

	/**
	 * Parse {@code <count>/<amount><unit>}: unit {@code s}, {@code m}, {@code h} or {@code d}, amount optional
	 * ({@code 20/s} is {@code 20/1s}). Examples: {@code 100/1m}, {@code 20/1s}, {@code 5000/1d}.
	 * @throws IllegalArgumentException with a message that quotes the input and shows the expected form
	 */
	public static Limit parse(String text) {
		if (text == null) {
			throw new IllegalArgumentException("a limit is required, e.g. \"100/1m\"");
		}
		Matcher m = SYNTAX.matcher(text.trim());
		if (!m.matches()) {
			throw new IllegalArgumentException("\"" + text + "\" is not a limit; expected <count>/<amount><unit> "
					+ "with unit s, m, h or d, e.g. \"100/1m\" or \"20/1s\"");
		}
		long count = Long.parseLong(m.group(1));
		long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
		if (count < 1 || amount < 1) {
			throw new IllegalArgumentException(
					"\"" + text + "\" is not a limit; count and window must both be at least 1");
		}
		Duration unit = switch (m.group(3)) {
			case "s" -> Duration.ofSeconds(1);
			case "m" -> Duration.ofMinutes(1);
			case "h" -> Duration.ofHours(1);
			default -> Duration.ofDays(1);
		};
		return new Limit(count, unit.multipliedBy(amount));
	}

	/** The window in whole seconds. */
	public long windowSeconds() {
		return this.window.toSeconds();
	}

	/** Nanoseconds until one unit of quota comes back. */
	public double nanosPerToken() {
		return (double) this.window.toNanos() / this.capacity;
	}

	/** This limit shrunk for one of {@code instances} gateways falling back to local buckets; never below 1. */
	public Limit perInstance(int instances) {
		return new Limit(Math.max(1, this.capacity / instances), this.window);
	}

	/** The canonical text form, e.g. {@code 100/60s}. */
	@Override
	public String toString() {
		return this.capacity + "/" + this.window.toSeconds() + "s";
	}

}
