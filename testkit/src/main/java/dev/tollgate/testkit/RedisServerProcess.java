package dev.tollgate.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A {@code redis-server} child process on a free loopback port, without persistence. Readiness is taken from the
 * server's own "Ready to accept connections" log line rather than from polling. Every process still alive when the
 * JVM exits is destroyed by one shutdown hook.
 */
final class RedisServerProcess implements RedisBackend {

	private static final String HOST = "127.0.0.1";
	private static final long READY_TIMEOUT_SECONDS = 20;
	private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
				"redis-harness-shutdown"));
	}

	private final String executable;
	private final Path workDir;
	private final Function<Integer, List<String>> extraArgs;
	private final boolean sentinel;
	private final String readyMarker;
	private int port;
	private Process process;

	private RedisServerProcess(String executable, Function<Integer, List<String>> extraArgs, boolean sentinel) {
		this.executable = executable;
		this.extraArgs = extraArgs;
		this.sentinel = sentinel;
		// A Sentinel never says "Ready to accept connections"; it is ready once it monitors its primary.
		this.readyMarker = sentinel ? "+monitor master" : "Ready to accept connections";
		try {
			this.workDir = Files.createTempDirectory("tollgate-redis-");
			this.workDir.toFile().deleteOnExit();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts a server on a free port, retrying with another port if one is taken between choosing and binding. */
	static RedisServerProcess launch(String executable) {
		return launch(executable, port -> List.of());
	}

	/**
	 * As {@link #launch(String)}, with more {@code redis-server} arguments chosen once the port is known (e.g. a
	 * cluster node's bus port).
	 */
	static RedisServerProcess launch(String executable, Function<Integer, List<String>> extraArgs) {
		return launch(new RedisServerProcess(executable, extraArgs, false));
	}

	/**
	 * A Sentinel on a free port monitoring the primary on {@code primaryPort} as {@code primaryName}, with a quorum
	 * of one and a one-second down-after, so a failover takes seconds.
	 */
	static RedisServerProcess launchSentinel(String executable, String primaryName, int primaryPort) {
		return launch(new RedisServerProcess(executable, port -> List.of("sentinel monitor " + primaryName + " " + HOST
				+ " " + primaryPort + " 1", "sentinel down-after-milliseconds " + primaryName + " 1000",
				"sentinel failover-timeout " + primaryName + " 10000"), true));
	}

	private static RedisServerProcess launch(RedisServerProcess redis) {
		IllegalStateException last = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			redis.port = freePort();
			try {
				redis.start();
				return redis;
			}
			catch (IllegalStateException ex) {
				last = ex;
			}
		}
		throw last;
	}

	/** {@code redis-server} from PATH, else {@code /usr/bin/redis-server}; {@code null} if neither exists. */
	static String findExecutable() {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String dir : path.split(java.io.File.pathSeparator)) {
				Path candidate = Path.of(dir, "redis-server");
				if (Files.isExecutable(candidate)) {
					return candidate.toString();
				}
			}
		}
		Path fallback = Path.of("/usr/bin/redis-server");
		return Files.isExecutable(fallback) ? fallback.toString() : null;
	}

	@Override
	public String host() {
		return HOST;
	}

	@Override
	public synchronized int port() {
		return this.port;
	}

	@Override
	public String uri() {
		return "redis://" + HOST + ":" + port();
	}

	@Override
	public synchronized void start() {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		List<String> command = this.sentinel ? sentinelCommand() : new ArrayList<>(List.of(this.executable, "--port",
				String.valueOf(this.port), "--bind", HOST, "--save", "", "--appendonly", "no", "--daemonize", "no",
				"--protected-mode", "no", "--dir", this.workDir.toString(), "--enable-debug-command", "local"));
		if (!this.sentinel) {
			command.addAll(this.extraArgs.apply(this.port));
		}
		Process started;
		try {
			started = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + this.executable, ex);
		}
		LIVE.add(started);
		CountDownLatch ready = new CountDownLatch(1);
		AtomicBoolean sawReady = new AtomicBoolean();
		StringBuilder log = new StringBuilder();
		Thread reader = new Thread(() -> drain(started, this.readyMarker, ready, sawReady, log),
				"redis-server-" + this.port);
		reader.setDaemon(true);
		reader.start();
		boolean isReady;
		try {
			isReady = ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS) && sawReady.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			isReady = false;
		}
		if (!isReady) {
			destroy(started);
			synchronized (log) {
				throw new IllegalStateException("redis-server did not start on port " + this.port + ": " + log);
			}
		}
		this.process = started;
	}

	/** Runs {@code action} on a short-lived connection to this server (harness bookkeeping, not the code under test). */
	<T> T call(Function<RedisCommands<String, String>, T> action) {
		RedisURI uri = RedisURI.create(uri());
		uri.setTimeout(Duration.ofSeconds(5));
		RedisClient client = RedisClient.create(uri);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return action.apply(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	/**
	 * Polls {@code condition} every 100 ms until it holds, for harness states only Redis can report (a replica in
	 * sync, a failover done); fails naming {@code what} after {@code max}.
	 */
	static void awaitUntil(BooleanSupplier condition, Duration max, String what) {
		long deadline = System.nanoTime() + max.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("timed out waiting for " + what);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
	}

	/** A Sentinel needs a writable configuration file of its own, given first. */
	private List<String> sentinelCommand() {
		Path config = this.workDir.resolve("sentinel-" + this.port + ".conf");
		List<String> lines = new ArrayList<>(List.of("port " + this.port, "bind " + HOST, "protected-mode no",
				"dir " + this.workDir));
		lines.addAll(this.extraArgs.apply(this.port));
		try {
			Files.write(config, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ArrayList<>(List.of(this.executable, config.toString(), "--sentinel"));
	}

	/**
	 * Sends {@code signal} ({@code STOP}, {@code CONT}) to the server: a stopped server keeps its connections open
	 * and answers nothing, as a hung host does.
	 */
	synchronized void signal(String signal) {
		if (this.process == null) {
			throw new IllegalStateException("redis-server on port " + this.port + " is not running");
		}
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(this.process.pid())).start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " failed for redis-server " + this.port);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.process != null) {
			destroy(this.process);
			this.process = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public String kind() {
		return "process";
	}

	private static void drain(Process process, String marker, CountDownLatch ready, AtomicBoolean sawReady,
			StringBuilder log) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.contains(marker)) {
					sawReady.set(true);
					ready.countDown();
				}
				synchronized (log) {
					if (log.length() < 4000) {
						log.append(line).append('\n');
					}
				}
			}
		}
		catch (IOException ex) {
			// Process ended; nothing more to read.
		}
		finally {
			// Unblocks start() at once when the process dies early (e.g. port taken).
			ready.countDown();
		}
	}

	private static void destroy(Process process) {
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		LIVE.remove(process);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
