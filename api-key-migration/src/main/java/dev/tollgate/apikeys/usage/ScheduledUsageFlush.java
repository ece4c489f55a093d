package dev.tollgate.apikeys.usage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes a {@link UsageRecorder} every interval on one daemon thread of its own (never a request thread), and once
 * more on close so a clean shutdown loses nothing.
 */
public final class ScheduledUsageFlush implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ScheduledUsageFlush.class);

	private final UsageRecorder recorder;

	private final ScheduledExecutorService scheduler;

	public ScheduledUsageFlush(UsageRecorder recorder, Duration interval) {
		this.recorder = recorder;
		this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "tollgate-apikey-usage");
			t.setDaemon(true);
			return t;
		});
		long millis = interval.toMillis();
		this.scheduler.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
	}

	private void flushQuietly() {
		try {
			this.recorder.flush();
		}
		catch (RuntimeException ex) {
			log.warn("api-key usage flush failed: {}", ex.toString());
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdown();
		try {
			this.recorder.flush().toCompletableFuture().get(2, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			log.warn("final api-key usage flush did not complete: {}", ex.toString());
		}
	}

}
