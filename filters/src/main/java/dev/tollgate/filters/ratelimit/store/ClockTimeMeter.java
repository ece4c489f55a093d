package dev.tollgate.filters.ratelimit.store;

import java.time.Clock;
import java.time.Instant;

import io.github.bucket4j.TimeMeter;

/** Lets bucket4j read time from an injected {@link Clock}, so tests move time instead of sleeping. */
final class ClockTimeMeter implements TimeMeter {

	private final Clock clock;

	ClockTimeMeter(Clock clock) {
		this.clock = clock;
	}

	@Override
	public long currentTimeNanos() {
		Instant now = this.clock.instant();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

	@Override
	public boolean isWallClockBased() {
		// Bucket state is shared through Redis between instances, so the time base must be wall-clock.
		return true;
	}

}
