package dev.tollgate.logs;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Log lines for events a caller can produce at will (malformed requests, refused paths): the first event after a
 * quiet interval is logged in full at once; the ones after it are only counted, per bounded reason, and written as
 * one summary line per interval ({@code count}, {@code reasons="invalid_header=700 undecodable_request=12"}). So a
 * flood costs one line per interval, not one per request, while metrics stay per event. Thread-safe, lock-free, and
 * never blocks: counting is a {@link LongAdder}, the line is claimed by one compare-and-set.
 *
 * <p>
 * A summary is written by the first event after the interval ends, or by {@link #flush()} (called periodically),
 * whichever comes first; a burst that stops is therefore reported within about one interval.
 */
public final class LogSummary {

	private final Logger log;

	private final String event;

	private final long intervalMillis;

	private final Clock clock;

	private final Level level;

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	private final AtomicLong nextLineAt = new AtomicLong(Long.MIN_VALUE);

	/**
	 * @param event the {@code event} key-value of every line, e.g. {@code edge_rejected}
	 * @param interval at most one line per interval
	 */
	public LogSummary(Logger log, String event, Duration interval, Clock clock) {
		this(log, event, interval, clock, Level.INFO);
	}

	/** @param level of every line, e.g. {@code WARN} for a dependency failing */
	public LogSummary(Logger log, String event, Duration interval, Clock clock, Level level) {
		this.log = log;
		this.event = event;
		this.intervalMillis = interval.toMillis();
		this.clock = clock;
		this.level = level;
	}

	/**
	 * Counts one event.
	 * @param reason bounded tag (never caller text)
	 * @param details adds this event's key-values when it is the one logged in full; caller-controlled values must
	 * be {@linkplain dev.tollgate.logs.LogText escaped}
	 */
	public void record(String reason, Consumer<LoggingEventBuilder> details) {
		if (!this.log.isEnabledForLevel(this.level)) {
			return;
		}
		this.counts.computeIfAbsent(reason, (r) -> new LongAdder()).increment();
		long now = this.clock.millis();
		long next = this.nextLineAt.get();
		if (now < next || !this.nextLineAt.compareAndSet(next, now + this.intervalMillis)) {
			return;
		}
		Map<String, Long> taken = take();
		long total = taken.values().stream().mapToLong(Long::longValue).sum();
		if (total <= 1) {
			// The first after a quiet interval: in full, so an operator sees what one looks like.
			LoggingEventBuilder line = this.log.atLevel(this.level).addKeyValue("event", this.event).addKeyValue("reason", reason);
			details.accept(line);
			line.log(this.event);
		}
		else {
			summary(taken, total);
		}
	}

	/** Writes the counts of an interval that has ended, if any; for a periodic task. */
	public void flush() {
		long now = this.clock.millis();
		long next = this.nextLineAt.get();
		if (now < next || this.counts.values().stream().allMatch((c) -> c.sum() == 0)
				|| !this.nextLineAt.compareAndSet(next, now + this.intervalMillis)) {
			return;
		}
		Map<String, Long> taken = take();
		long total = taken.values().stream().mapToLong(Long::longValue).sum();
		if (total > 0) {
			summary(taken, total);
		}
	}

	private Map<String, Long> take() {
		Map<String, Long> taken = new TreeMap<>();
		this.counts.forEach((reason, count) -> {
			long n = count.sumThenReset();
			if (n > 0) {
				taken.put(reason, n);
			}
		});
		return taken;
	}

	private void summary(Map<String, Long> taken, long total) {
		StringBuilder reasons = new StringBuilder();
		taken.forEach((reason, n) -> reasons.append((reasons.length() > 0) ? " " : "").append(reason).append('=').append(n));
		this.log.atLevel(this.level)
			.addKeyValue("event", this.event)
			.addKeyValue("count", total)
			.addKeyValue("reasons", reasons.toString())
			.addKeyValue("interval_s", this.intervalMillis / 1000)
			.log(this.event + " summary");
	}

}
