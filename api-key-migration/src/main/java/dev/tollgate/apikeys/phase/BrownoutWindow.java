package dev.tollgate.apikeys.phase;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A period during which keys in {@link Phase#BROWNOUT} are refused. Two shapes, both written as
 * {@code start/duration}:
 * <ul>
 * <li>daily, time of day in UTC: {@code 14:00/15m} refuses keys every day from 14:00 to 14:15 UTC (a window may run
 * past midnight: {@code 23:50/20m});</li>
 * <li>once, an instant: {@code 2026-06-01T14:00:00Z/1h}.</li>
 * </ul>
 * Durations are {@code 30s}, {@code 15m}, {@code 2h} or ISO-8601 ({@code PT15M}).
 */
public sealed interface BrownoutWindow {

	/** True when {@code now} falls inside the window (start inclusive, end exclusive). */
	boolean contains(Instant now);

	/** Parses {@code HH:mm/duration} or {@code instant/duration}. */
	static BrownoutWindow parse(String spec) {
		int slash = (spec != null) ? spec.indexOf('/') : -1;
		if (slash < 0) {
			throw new IllegalArgumentException("brownout window must be 'HH:mm/duration' or 'instant/duration', got '"
					+ spec + "'");
		}
		String start = spec.substring(0, slash).trim();
		Duration duration = Durations.parse(spec.substring(slash + 1));
		try {
			return start.contains("T") ? new Once(Instant.parse(start), duration)
					: new Daily(LocalTime.parse(start), duration);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("malformed brownout window start '" + start + "'");
		}
	}

	/** Every day from {@code start} (UTC) for {@code duration}. */
	record Daily(LocalTime start, Duration duration) implements BrownoutWindow {

		private static final long DAY_NANOS = Duration.ofDays(1).toNanos();

		public Daily {
			Objects.requireNonNull(start, "start");
			if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(1)) >= 0) {
				throw new IllegalArgumentException("a daily brownout window lasts more than 0 and less than 24h");
			}
		}

		@Override
		public boolean contains(Instant now) {
			long timeOfDay = LocalTime.ofInstant(now, ZoneOffset.UTC).toNanoOfDay();
			long offset = Math.floorMod(timeOfDay - this.start.toNanoOfDay(), DAY_NANOS);
			return offset < this.duration.toNanos();
		}

		@Override
		public String toString() {
			return this.start + "/" + this.duration;
		}

	}

	/** Once, from {@code start} for {@code duration}. */
	record Once(Instant start, Duration duration) implements BrownoutWindow {

		public Once {
			Objects.requireNonNull(start, "start");
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException("a brownout window lasts more than 0");
			}
		}

		@Override
		public boolean contains(Instant now) {
			return !now.isBefore(this.start) && now.isBefore(this.start.plus(this.duration));
		}

		@Override
		public String toString() {
			return this.start + "/" + this.duration;
		}

	}

}
