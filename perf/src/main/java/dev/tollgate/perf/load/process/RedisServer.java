package dev.tollgate.perf.load.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Redis the rate limiters (and API-key store) share, like the testkit's launcher: {@code REDIS_URL} when set
 * (then its CPU is not measured), else a {@code redis-server} started on a free loopback port without persistence.
 */
public final class RedisServer implements AutoCloseable {

	private final String url;

	private final ManagedProcess process;

	private RedisServer(String url, ManagedProcess process) {
		this.url = url;
		this.process = process;
	}

	public static RedisServer startOrUse(Path workDir) {
		String external = System.getenv("REDIS_URL");
		if (external != null && !external.isBlank()) {
			return new RedisServer(external, null);
		}
		String executable = Files.isExecutable(Path.of("/usr/bin/redis-server")) ? "/usr/bin/redis-server"
				: "redis-server";
		int port = Ports.free();
		ManagedProcess process = ManagedProcess.start("redis-server",
				List.of(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
						"--appendonly", "no", "--dir", workDir.toString()),
				workDir.resolve("redis.log"), port, Duration.ofSeconds(20));
		return new RedisServer("redis://127.0.0.1:" + port, process);
	}

	public String url() {
		return this.url;
	}

	/** CPU seconds of our redis-server so far; {@code NaN} for an external Redis. */
	public double cpuSeconds() {
		return (this.process != null) ? this.process.cpuSeconds() : Double.NaN;
	}

	@Override
	public void close() {
		if (this.process != null) {
			this.process.close();
		}
	}

}
