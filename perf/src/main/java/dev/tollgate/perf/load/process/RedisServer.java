package dev.tollgate.perf.load.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis the rate limiters (and API-key store) share, like the testkit's launcher: {@code REDIS_URL} when set
 * (then its CPU is not measured), else a {@code redis-server} started on a free loopback port without persistence.
 * The soak run starts its own with persistence and stops and starts it again on the same port.
 */
public final class RedisServer implements AutoCloseable {

	private final String url;

	/** The command of our own redis-server; {@code null} for an external Redis. */
	private final List<String> command;

	private final Path workDir;

	private final int port;

	private ManagedProcess process;

	private int starts;

	private RedisServer(String url, List<String> command, Path workDir, int port) {
		this.url = url;
		this.command = command;
		this.workDir = workDir;
		this.port = port;
	}

	public static RedisServer startOrUse(Path workDir) {
		String external = System.getenv("REDIS_URL");
		if (external != null && !external.isBlank()) {
			return new RedisServer(external, null, workDir, -1);
		}
		return startOwn(workDir, false);
	}

	/**
	 * Starts a {@code redis-server} of our own on a free loopback port, its files in {@code workDir}. With
	 * {@code persistent}, an append-only file keeps the data (the API keys) across {@link #stop()} and
	 * {@link #start()}, as operations.md asks of a production Redis.
	 */
	public static RedisServer startOwn(Path workDir, boolean persistent) {
		String executable = Files.isExecutable(Path.of("/usr/bin/redis-server")) ? "/usr/bin/redis-server"
				: "redis-server";
		int port = Ports.free();
		List<String> command = new ArrayList<>(List.of(executable, "--port", Integer.toString(port), "--bind",
				"127.0.0.1", "--save", "", "--dir", workDir.toString()));
		command.addAll(persistent ? List.of("--appendonly", "yes", "--appendfsync", "everysec")
				: List.of("--appendonly", "no"));
		RedisServer redis = new RedisServer("redis://127.0.0.1:" + port, List.copyOf(command), workDir, port);
		redis.start();
		return redis;
	}

	/** Starts our redis-server (again, on the same port) and waits until it listens. */
	public synchronized void start() {
		if (this.command == null) {
			throw new IllegalStateException("an external Redis (REDIS_URL) cannot be started here");
		}
		if (this.process != null && this.process.alive()) {
			throw new IllegalStateException("redis-server is already running");
		}
		String log = (this.starts == 0) ? "redis.log" : "redis-" + this.starts + ".log";
		this.starts++;
		this.process = ManagedProcess.start("redis-server", this.command, this.workDir.resolve(log), this.port,
				Duration.ofSeconds(20));
	}

	/** Stops our redis-server (SIGTERM: a persistent one writes its append-only file first). */
	public synchronized void stop() {
		if (this.process != null) {
			this.process.close();
			this.process = null;
		}
	}

	public String url() {
		return this.url;
	}

	/** CPU seconds of our redis-server so far (since its last start); {@code NaN} for an external Redis. */
	public synchronized double cpuSeconds() {
		return (this.process != null) ? this.process.cpuSeconds() : Double.NaN;
	}

	@Override
	public void close() {
		stop();
	}

}
