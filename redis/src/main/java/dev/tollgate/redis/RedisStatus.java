package dev.tollgate.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.api.StatefulConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Redis answers, decided by a {@code PING} every probe interval on a connection of its own. Two failed
 * probes in a row (unanswered within the probe timeout, and then within the command timeout too), or no open
 * connection, mark Redis {@link State#DOWN}: stores then fail fast (the circuit is open) instead of each request
 * waiting out its timeout; the first answered probe once every store's connection is open again marks it
 * {@link State#UP}. One log line per change, never a stack trace. Slowness short of that stays a per-command
 * timeout; so does a probe answered late, or while Redis answers other commands ({@link RedisAnswers}): on a
 * saturated host, a reply read after the probe timeout says the host is busy, not that Redis is down.
 */
public final class RedisStatus implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RedisStatus.class);

	private static final int FAILED_PROBES_FOR_DOWN = 2;

	/** What the probe concluded. */
	public enum State {

		/** No probe has concluded yet: the gateway just started. */
		STARTING,

		/** The last probe was answered. */
		UP,

		/** Redis is unreachable or hung: stores fail fast and apply their failure policies. */
		DOWN

	}

	/**
	 * One reading, for health details.
	 *
	 * @param state the current state
	 * @param since when the state began
	 * @param lastError the last failure (exception type and message, no credentials), or {@code null}
	 * @param lastLatency the round trip of the last answered probe, or {@code null}
	 */
	public record Snapshot(State state, Instant since, String lastError, Duration lastLatency) {
	}

	private final String description;

	private final ScheduledExecutorService scheduler;

	private final long probeTimeoutMillis;

	private final long probeIntervalMillis;

	private final Clock clock;

	private final RedisAnswers answers;

	private volatile BackgroundConnection<? extends StatefulConnection<?, ?>> probe;

	private final List<BackgroundConnection<?>> watched = new CopyOnWriteArrayList<>();

	private volatile ScheduledFuture<?> schedule;

	private volatile Snapshot snapshot;

	private int failedProbes;

	/** Set on shutdown: connections dropping and probes failing then are ours, not Redis's, and are not reported. */
	private volatile boolean closed;

	private final List<Waiter> waiters = new CopyOnWriteArrayList<>();

	private record Waiter(State state, CompletableFuture<Snapshot> done) {
	}

	RedisStatus(String description, ScheduledExecutorService scheduler, RedisClientSettings settings, Clock clock) {
		this(description, scheduler, settings, clock, new RedisAnswers());
	}

	/** @param answers when Redis last answered any command of this connector (a late probe is then not a failure) */
	RedisStatus(String description, ScheduledExecutorService scheduler, RedisClientSettings settings, Clock clock,
			RedisAnswers answers) {
		this.answers = answers;
		this.description = description;
		this.scheduler = scheduler;
		this.probeTimeoutMillis = settings.probeTimeout().toMillis();
		this.probeIntervalMillis = settings.probeInterval().toMillis();
		this.clock = clock;
		this.snapshot = new Snapshot(State.STARTING, clock.instant(), null, null);
	}

	/** {@code false} only while Redis is known to be down: starting counts as up, so the first requests try it. */
	public boolean isUsable() {
		return this.snapshot.state() != State.DOWN;
	}

	public Snapshot snapshot() {
		return this.snapshot;
	}

	/**
	 * Completes when the probe reaches {@code state} (at once if it is there now): for readiness gates and for tests
	 * that must not sleep.
	 */
	public CompletionStage<Snapshot> reaching(State state) {
		Waiter waiter = new Waiter(state, new CompletableFuture<>());
		this.waiters.add(waiter);
		notifyWaiters();
		return waiter.done();
	}

	private void notifyWaiters() {
		Snapshot current = this.snapshot;
		for (Waiter waiter : this.waiters) {
			if (waiter.state() == current.state() && this.waiters.remove(waiter)) {
				waiter.done().complete(current);
			}
		}
	}

	/** The topology probed, without credentials. */
	public String description() {
		return this.description;
	}

	synchronized void probeThrough(BackgroundConnection<? extends StatefulConnection<?, ?>> connection) {
		if (this.probe == null) {
			this.probe = connection;
			this.schedule = this.scheduler.scheduleWithFixedDelay(this::probe, 0, this.probeIntervalMillis,
					TimeUnit.MILLISECONDS);
		}
	}

	/** A store's connection: Redis turns UP only once every watched connection is open again. */
	<C extends BackgroundConnection<?>> C watched(C connection) {
		this.watched.add(connection);
		return connection;
	}

	/**
	 * Waits, at most {@code max}, until every connection asked for so far has made its first attempt and the probe
	 * has concluded: for startup, so a healthy Redis is connected (and its scripts loading) before the first request,
	 * while a Redis that is down costs startup at most this long. Not for an event loop.
	 */
	void awaitStartup(Duration max) {
		List<CompletableFuture<Void>> attempts = new ArrayList<>();
		for (BackgroundConnection<?> connection : this.watched) {
			attempts.add(connection.firstAttempt().toCompletableFuture());
		}
		BackgroundConnection<? extends StatefulConnection<?, ?>> probe = this.probe;
		if (probe != null) {
			attempts.add(probe.firstAttempt().toCompletableFuture());
		}
		long deadline = System.nanoTime() + max.toNanos();
		try {
			CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new))
				.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (this.snapshot.state() == State.STARTING && this.probe != null) {
				CompletableFuture<Snapshot> concluded = CompletableFuture.anyOf(
						reaching(State.UP).toCompletableFuture(), reaching(State.DOWN).toCompletableFuture())
					.thenApply(Snapshot.class::cast);
				concluded.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		catch (TimeoutException | ExecutionException ex) {
			// Redis is slow to answer or down: start anyway; the failure policies apply until it answers.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	boolean probing() {
		return this.probe != null;
	}

	void closeProbe() {
		BackgroundConnection<? extends StatefulConnection<?, ?>> current = this.probe;
		if (current != null) {
			current.close();
		}
	}

	void connectFailed(String name, Throwable failure) {
		down("connecting " + name + ": " + describe(failure), true);
	}

	void connected(String name) {
		if (this.snapshot.state() != State.UP) {
			// The probe confirms within an interval; a fresh connection is already a good sign.
			this.scheduler.execute(this::probe);
		}
	}

	@Override
	public void close() {
		this.closed = true;
		ScheduledFuture<?> current = this.schedule;
		if (current != null) {
			current.cancel(false);
		}
	}

	private void probe() {
		BackgroundConnection<? extends StatefulConnection<?, ?>> target = this.probe;
		StatefulConnection<?, ?> connection = (target != null) ? target.current() : null;
		if (connection == null) {
			if (target != null && target.opened() != null) {
				down("connection lost", true);
			}
			return;
		}
		long started = System.nanoTime();
		CompletableFuture<String> reply = RedisConnector.async(connection).ping().toCompletableFuture();
		// A copy times out, not the command itself: a late reply still arrives and still counts (probeFailed).
		reply.copy()
			.orTimeout(this.probeTimeoutMillis, TimeUnit.MILLISECONDS)
			.whenComplete((pong, failure) -> {
				if (failure == null) {
					answered(Duration.ofNanos(System.nanoTime() - started), null);
				}
				else {
					probeFailed(started, failure, reply);
				}
			});
	}

	/**
	 * A probe that timed out is a busy host (or a busy Redis), not an outage, when Redis answered other commands
	 * since it was sent, or when its own reply still arrives within the command timeout: it then counts as answered,
	 * without a latency. On a saturated host the event loop can read every reply late, other commands' included.
	 * Only a probe Redis never answered (or a failure other than the timeout) counts towards {@link State#DOWN}.
	 * @param reply the probe's own command, which completes when Redis answers or Lettuce's command timeout passes
	 */
	void probeFailed(long sentNanos, Throwable failure, CompletionStage<?> reply) {
		if (!(unwrap(failure) instanceof TimeoutException)) {
			down(describe(failure), false);
		}
		else if (this.answers.answeredSince(sentNanos)) {
			answered(null, lateNote());
		}
		else {
			reply.whenComplete((pong, never) -> {
				if (never == null) {
					answered(null, lateNote());
				}
				else {
					down(describe(failure), false);
				}
			});
		}
	}

	private String lateNote() {
		return "probe answered later than " + this.probeTimeoutMillis + " ms: busy, not down";
	}

	/** Redis answered: up, once every store's connection is open again. */
	private void answered(Duration latency, String note) {
		String waiting = notYetOpen();
		if (waiting == null) {
			up(latency, note);
		}
		else {
			waitingFor(waiting);
		}
	}

	private String notYetOpen() {
		for (BackgroundConnection<?> connection : this.watched) {
			if (!connection.isClosed() && connection.current() == null) {
				return connection.name();
			}
		}
		return null;
	}

	/** Redis answers but a store's connection is not back yet: stay as we are until it is. */
	private synchronized void waitingFor(String connection) {
		Snapshot current = this.snapshot;
		if (current.state() != State.UP) {
			this.snapshot = new Snapshot(current.state(), current.since(), "waiting for connection " + connection,
					current.lastLatency());
		}
	}

	/**
	 * @param latency the probe's round trip, or {@code null} when it was late (the last one is kept)
	 * @param note why a late probe still counts, kept as the last error; {@code null} keeps the last error
	 */
	private synchronized void up(Duration latency, String note) {
		if (this.closed) {
			return;
		}
		this.failedProbes = 0;
		Snapshot before = this.snapshot;
		Duration lastLatency = (latency != null) ? latency : before.lastLatency();
		String lastError = (note != null) ? note : before.lastError();
		if (before.state() == State.UP) {
			this.snapshot = new Snapshot(State.UP, before.since(), lastError, lastLatency);
			return;
		}
		Instant now = this.clock.instant();
		this.snapshot = new Snapshot(State.UP, now, lastError, lastLatency);
		notifyWaiters();
		if (before.state() == State.DOWN) {
			log.atInfo()
				.addKeyValue("dependency", "redis")
				.addKeyValue("state", "up")
				.addKeyValue("down_for", Duration.between(before.since(), now))
				.log("Redis answers again ({}); shared rate limits and key lookups resume", this.description);
		}
	}

	private synchronized void down(String error, boolean certain) {
		if (this.closed) {
			return;
		}
		this.failedProbes++;
		Snapshot before = this.snapshot;
		if (before.state() == State.DOWN || (!certain && this.failedProbes < FAILED_PROBES_FOR_DOWN)) {
			this.snapshot = new Snapshot(before.state(), before.since(), error, before.lastLatency());
			return;
		}
		this.snapshot = new Snapshot(State.DOWN, this.clock.instant(), error, before.lastLatency());
		notifyWaiters();
		log.atWarn()
			.addKeyValue("dependency", "redis")
			.addKeyValue("state", "down")
			.addKeyValue("error", error)
			.log("Redis unreachable ({}): stores fail fast and apply their failure policies until it answers",
					this.description);
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	private static String describe(Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof TimeoutException) {
			return "no answer within the probe timeout";
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + RedisTopology.redact(message) : "");
	}

}
