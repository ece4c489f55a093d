package dev.tollgate.testkit;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Real Redis for tests, never assumed on 6379.
 *
 * <p>
 * {@link #shared()}: one per JVM, from the first of: the {@code REDIS_URL} environment variable; a Testcontainers
 * {@code redis:7-alpine} when a Docker engine answers; a {@code redis-server} process (PATH or
 * {@code /usr/bin/redis-server}) on a free port without persistence, ended by a JVM shutdown hook. Tests sharing it
 * isolate themselves with unique key prefixes or {@link #flushAll()}.
 *
 * <p>
 * {@link #dedicated()}: a fresh Redis owned by the caller (a {@code redis-server} process, else a container), which
 * may {@link #stop()} and {@link #start()} it on the same port to test failure handling.
 */
public final class RedisHarness implements AutoCloseable {

	private static final Logger LOGGER = LoggerFactory.getLogger(RedisHarness.class);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

	private static RedisHarness shared;

	private final RedisBackend backend;
	private final boolean dedicated;
	private RedisClient client;

	private RedisHarness(RedisBackend backend, boolean dedicated) {
		this.backend = backend;
		this.dedicated = dedicated;
	}

	/** The JVM-wide Redis; {@link #close()} on it does nothing. */
	public static synchronized RedisHarness shared() {
		if (shared == null) {
			shared = new RedisHarness(sharedBackend(), false);
		}
		return shared;
	}

	/** A fresh Redis only the caller uses; close it when done. */
	public static RedisHarness dedicated() {
		String executable = RedisServerProcess.findExecutable();
		if (executable != null) {
			return new RedisHarness(RedisServerProcess.launch(executable), true);
		}
		if (dockerAvailable()) {
			return new RedisHarness(RedisContainerBackend.launch(), true);
		}
		throw noRedis("a dedicated Redis needs redis-server or a Docker engine");
	}

	/**
	 * A fresh {@code redis-server} process with more arguments chosen once its port is known, e.g. TLS on that port
	 * ({@code --port 0 --tls-port <port> ...}) or ACL users ({@code --user ...}). {@link #uri()} then names the
	 * port but not the scheme or credentials the test chose.
	 */
	public static RedisHarness dedicated(java.util.function.Function<Integer, java.util.List<String>> extraArgs) {
		String executable = RedisServerProcess.findExecutable();
		if (executable == null) {
			throw noRedis("a configured Redis needs redis-server");
		}
		return new RedisHarness(RedisServerProcess.launch(executable, extraArgs), true);
	}

	/** {@code redis://HOST:PORT} (for {@code REDIS_URL}: that URL as given). */
	public String uri() {
		return this.backend.uri();
	}

	public String host() {
		return this.backend.host();
	}

	public int port() {
		return this.backend.port();
	}

	/** Where this Redis comes from: {@code env}, {@code container} or {@code process}. */
	public String kind() {
		return this.backend.kind();
	}

	/** Stops the server; connections to {@link #port()} are refused until {@link #start()}. Dedicated only. */
	public void stop() {
		requireDedicated();
		this.backend.stop();
	}

	/** Starts the server again on the same port, returning once it accepts commands. Dedicated only. */
	public void start() {
		requireDedicated();
		this.backend.start();
	}

	/**
	 * {@code SIGSTOP}: the server keeps its connections open and answers nothing, as a hung host does, until
	 * {@link #thaw()}. Dedicated {@code redis-server} process only.
	 */
	public void freeze() {
		process().signal("STOP");
	}

	/** {@code SIGCONT}: a frozen server answers again, including what it was sent meanwhile. */
	public void thaw() {
		process().signal("CONT");
	}

	/**
	 * {@code FLUSHALL} through Lettuce: wipes every database of the server. With {@code REDIS_URL} pointing at a
	 * Redis others use, isolate tests with key prefixes instead.
	 */
	public void flushAll() {
		try (StatefulRedisConnection<String, String> connection = client().connect()) {
			connection.sync().flushall();
		}
	}

	/** {@code PING} through Lettuce; {@code PONG} when up. */
	public String ping() {
		try (StatefulRedisConnection<String, String> connection = client().connect()) {
			return connection.sync().ping();
		}
	}

	/** Ends a dedicated server; no-op for the shared one. */
	@Override
	public synchronized void close() {
		if (!this.dedicated) {
			return;
		}
		if (this.client != null) {
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			this.client = null;
		}
		this.backend.close();
	}

	@Override
	public String toString() {
		return "RedisHarness[" + kind() + " " + host() + ":" + port() + "]";
	}

	private synchronized RedisClient client() {
		if (this.client == null) {
			RedisURI uri = RedisURI.create(this.backend.uri());
			uri.setTimeout(COMMAND_TIMEOUT);
			this.client = RedisClient.create(uri);
		}
		return this.client;
	}

	private RedisServerProcess process() {
		requireDedicated();
		if (this.backend instanceof RedisServerProcess process) {
			return process;
		}
		throw new UnsupportedOperationException("signals need a redis-server process, not a " + kind());
	}

	private void requireDedicated() {
		if (!this.dedicated) {
			throw new UnsupportedOperationException("only a dedicated() Redis may be stopped or started");
		}
	}

	private static RedisBackend sharedBackend() {
		String url = System.getenv("REDIS_URL");
		if (url != null && !url.isBlank()) {
			return new ExternalRedis(url);
		}
		String executable = RedisServerProcess.findExecutable();
		if (dockerAvailable()) {
			try {
				return RedisContainerBackend.launch();
			}
			catch (RuntimeException ex) {
				// E.g. a Docker engine without network access to pull the image: a local binary still does.
				if (executable == null) {
					throw ex;
				}
				LOGGER.warn("Redis container did not start ({}); using {}", ex.getMessage(), executable);
			}
		}
		if (executable != null) {
			return RedisServerProcess.launch(executable);
		}
		throw noRedis("set REDIS_URL, start a Docker engine, or install redis-server");
	}

	private static boolean dockerAvailable() {
		// Returns false (after about a second) without a Docker engine; never throws.
		return DockerClientFactory.instance().isDockerAvailable();
	}

	private static IllegalStateException noRedis(String hint) {
		return new IllegalStateException("no Redis for tests: " + hint);
	}

}
