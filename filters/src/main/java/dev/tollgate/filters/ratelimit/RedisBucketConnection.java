package dev.tollgate.filters.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Redis connection the rate limiter uses (string keys, byte values), opened without blocking. If Redis is
 * down when the gateway starts, the gateway still starts: requests take the failure policy and a new attempt is made
 * at most once per {@code retryInterval}. Once open, Lettuce reconnects by itself after Redis restarts.
 */
public final class RedisBucketConnection implements AutoCloseable {

	static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private static final Logger log = LoggerFactory.getLogger(RedisBucketConnection.class);

	private final RedisClient client;

	private final RedisURI uri;

	private final long retryIntervalNanos;

	private final AtomicBoolean connecting = new AtomicBoolean();

	private final AtomicLong nextAttemptNanos = new AtomicLong(Long.MIN_VALUE);

	private volatile StatefulRedisConnection<String, byte[]> connection;

	private volatile boolean closed;

	private volatile boolean warned;

	private final CompletableFuture<Void> firstOpened = new CompletableFuture<>();

	public RedisBucketConnection(RedisClient client, String url, Duration retryInterval) {
		this.client = client;
		this.uri = RedisURI.create(url);
		this.retryIntervalNanos = retryInterval.toNanos();
		connectInBackground();
	}

	/**
	 * The connection when it is open, else {@code null} (and, when none was ever opened, a background attempt if
	 * the last one is older than the retry interval). Never blocks.
	 */
	public StatefulRedisConnection<String, byte[]> openConnection() {
		StatefulRedisConnection<String, byte[]> current = this.connection;
		if (current == null) {
			connectInBackground();
			return null;
		}
		return current.isOpen() ? current : null;
	}

	/** Completes when the connection has been opened once (e.g. for a readiness check or a test). */
	public CompletionStage<Void> firstOpened() {
		return this.firstOpened.copy();
	}

	private void connectInBackground() {
		long now = System.nanoTime();
		long next = this.nextAttemptNanos.get();
		if (this.closed || (next != Long.MIN_VALUE && now - next < 0) || !this.connecting.compareAndSet(false, true)) {
			return;
		}
		this.nextAttemptNanos.set(now + this.retryIntervalNanos);
		this.client.connectAsync(CODEC, this.uri).whenComplete((opened, failure) -> {
			this.connecting.set(false);
			if (failure != null) {
				// One warning per outage at startup; further attempts (one per retry interval) log at debug.
				log.atLevel(this.warned ? org.slf4j.event.Level.DEBUG : org.slf4j.event.Level.WARN)
					.addKeyValue("dependency", "redis")
					.addKeyValue("error", failure.getClass().getSimpleName())
					.log("rate-limit store not reachable; failure policy applies until it is");
				this.warned = true;
			}
			else if (this.closed) {
				opened.closeAsync();
			}
			else {
				this.connection = opened;
				this.firstOpened.complete(null);
			}
		});
	}

	@Override
	public void close() {
		this.closed = true;
		StatefulRedisConnection<String, byte[]> current = this.connection;
		if (current != null) {
			current.close();
		}
	}

}
