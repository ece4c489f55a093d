package dev.tollgate.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.lettuce.core.api.StatefulConnection;

/**
 * A Redis connection that opens in the background: asked for before it is open (Redis down at startup), it
 * answers {@code null} at once and callers take their failure policy; attempts repeat every retry interval until
 * one succeeds. Once open, Lettuce keeps it and reconnects after outages by itself. Never blocks.
 *
 * @param <C> the Lettuce connection type
 */
public final class BackgroundConnection<C extends StatefulConnection<?, ?>> implements AutoCloseable {

	private final String name;

	private final Supplier<CompletionStage<C>> opener;

	private final ScheduledExecutorService scheduler;

	private final long retryMillis;

	private final RedisStatus status;

	private final CompletableFuture<C> opened = new CompletableFuture<>();

	private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();

	private final List<Consumer<C>> onOpen = new CopyOnWriteArrayList<>();

	private volatile C connection;

	private volatile boolean closed;

	BackgroundConnection(String name, Supplier<CompletionStage<C>> opener, ScheduledExecutorService scheduler,
			Duration retryInterval, RedisStatus status) {
		this.name = name;
		this.opener = opener;
		this.scheduler = scheduler;
		this.retryMillis = retryInterval.toMillis();
		this.status = status;
		attempt();
	}

	/** The connection when it is open (connected now), else {@code null}. */
	public C current() {
		C current = this.connection;
		return (current != null && current.isOpen()) ? current : null;
	}

	/** The connection once it was ever opened, connected or not (e.g. to register listeners), else {@code null}. */
	public C opened() {
		return this.connection;
	}

	/** Completes when the first attempt to open has ended, opened or failed. */
	CompletionStage<Void> firstAttempt() {
		return this.firstAttempt;
	}

	/** Completes with the connection when it first opens. */
	public CompletionStage<C> firstOpened() {
		return this.opened.copy();
	}

	/**
	 * Runs {@code action} once the connection first opens (at once if it already is), before any caller sees it:
	 * where a store loads its scripts or a bus subscribes.
	 */
	public void whenOpened(Consumer<C> action) {
		this.onOpen.add(action);
		C current = this.connection;
		if (current != null && this.onOpen.remove(action)) {
			action.accept(current);
		}
	}

	/** Whether its owner closed it (it is then no longer waited for). */
	public boolean isClosed() {
		return this.closed;
	}

	/** What the connection is for, as in logs. */
	public String name() {
		return this.name;
	}

	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		C current = this.connection;
		if (current != null) {
			current.closeAsync();
		}
	}

	@Override
	public String toString() {
		return "BackgroundConnection[" + this.name + (this.connection != null ? ", opened]" : ", not opened]");
	}

	private void attempt() {
		if (this.closed) {
			return;
		}
		CompletionStage<C> stage;
		try {
			stage = this.opener.get();
		}
		catch (RuntimeException ex) {
			stage = CompletableFuture.failedFuture(ex);
		}
		stage.whenComplete((connection, failure) -> {
			try {
				opened(connection, failure);
			}
			finally {
				this.firstAttempt.complete(null);
			}
		});
	}

	private void opened(C connection, Throwable failure) {
		if (failure != null) {
			this.status.connectFailed(this.name, failure);
			if (!this.closed) {
				this.scheduler.schedule(this::attempt, this.retryMillis, TimeUnit.MILLISECONDS);
			}
		}
		else if (this.closed) {
			connection.closeAsync();
		}
		else {
			for (Consumer<C> action : this.onOpen) {
				if (this.onOpen.remove(action)) {
					action.accept(connection);
				}
			}
			this.connection = connection;
			this.opened.complete(connection);
			this.status.connected(this.name);
		}
	}

}
