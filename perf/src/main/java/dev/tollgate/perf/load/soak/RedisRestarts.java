package dev.tollgate.perf.load.soak;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tollgate.perf.load.process.ManagedProcess;
import dev.tollgate.perf.load.process.RedisServer;

/**
 * Stops Redis at the planned times, keeps it down, starts it again on the same port, and sees how the gateway comes
 * through: its "Redis unreachable" and "Redis answers again" log lines, and the first 2xx a bearer and an API-key
 * probe get after Redis is back. Runs on a thread of its own while the load goes on.
 */
final class RedisRestarts implements Runnable {

	/** How long after Redis is back a probe keeps asking before the restart counts as not recovered. */
	private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(120);

	private final RedisServer redis;

	private final ManagedProcess gateway;

	private final long gatewayPid;

	private final SoakOptions options;

	private final Instant start;

	private final String[][] probeHeaders;

	private final List<RedisRestart> done = new CopyOnWriteArrayList<>();

	RedisRestarts(RedisServer redis, ManagedProcess gateway, SoakOptions options, Instant start, String[] bearerHeader,
			String[] apiKeyHeader) {
		this.redis = redis;
		this.gateway = gateway;
		this.gatewayPid = gateway.pid();
		this.options = options;
		this.start = start;
		this.probeHeaders = new String[][] { bearerHeader, apiKeyHeader };
	}

	List<RedisRestart> done() {
		return List.copyOf(this.done);
	}

	@Override
	public void run() {
		int index = 0;
		try {
			for (Duration at : this.options.restartTimes()) {
				index++;
				sleepUntil(this.start.plus(at));
				this.done.add(restart(index));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private RedisRestart restart(int index) throws InterruptedException {
		Instant stopped = Instant.now();
		SoakRun.log("restart %d: stopping Redis for %d s", index, this.options.redisDownFor().toSeconds());
		this.redis.stop();
		sleepUntil(stopped.plus(this.options.redisDownFor()));
		this.redis.start();
		Instant started = Instant.now();
		double[] firstOk = firstOk(started);
		RedisRestart r = new RedisRestart(index, seconds(stopped), seconds(started),
				logged("Redis unreachable", stopped), logged("Redis answers again", stopped), firstOk[0], firstOk[1],
				this.gateway.alive() && this.gateway.pid() == this.gatewayPid);
		SoakRun.log("restart %d: Redis listening after %.1f s down; first 2xx bearer +%.2f s, API key +%.2f s", index,
				r.startedAt() - r.stoppedAt(), r.firstBearer2xx() - r.startedAt(), r.firstApiKey2xx() - r.startedAt());
		return r;
	}

	/**
	 * Per probe header (bearer, API key), run seconds of its first 2xx from {@code since} on, both probed every
	 * 50 ms; NaN for one that got none within {@link #RECOVERY_LIMIT}.
	 */
	private double[] firstOk(Instant since) throws InterruptedException {
		double[] first = { Double.NaN, Double.NaN };
		Instant deadline = since.plus(RECOVERY_LIMIT);
		while ((Double.isNaN(first[0]) || Double.isNaN(first[1])) && Instant.now().isBefore(deadline)) {
			for (int i = 0; i < first.length; i++) {
				if (Double.isNaN(first[i]) && FirstAnswer.ok(this.gateway.port(), this.probeHeaders[i])) {
					first[i] = seconds(Instant.now());
				}
			}
			Thread.sleep(50);
		}
		return first;
	}

	/** The first gateway log line containing {@code text} stamped at or after {@code since}, in run seconds. */
	private double logged(String text, Instant since) {
		try (var lines = Files.lines(this.gateway.log(), StandardCharsets.UTF_8)) {
			return lines.filter(l -> l.contains(text))
				.map(RedisRestarts::timestamp)
				.filter(t -> t != null && !t.isBefore(since.minusMillis(1)))
				.findFirst()
				.map(this::seconds)
				.orElse(Double.NaN);
		}
		catch (java.io.IOException | java.io.UncheckedIOException ex) {
			return Double.NaN;
		}
	}

	/** The timestamp a gateway log line starts with ({@code 2025-01-01T12:00:00.123+00:00}); null if none. */
	static Instant timestamp(String line) {
		int space = line.indexOf(' ');
		try {
			return OffsetDateTime.parse((space < 0) ? line : line.substring(0, space)).toInstant();
		}
		catch (java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

	private double seconds(Instant t) {
		return Duration.between(this.start, t).toMillis() / 1000.0;
	}

	private static void sleepUntil(Instant t) throws InterruptedException {
		long ms = Duration.between(Instant.now(), t).toMillis();
		if (ms > 0) {
			Thread.sleep(ms);
		}
	}

}
