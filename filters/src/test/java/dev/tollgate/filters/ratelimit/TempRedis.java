package dev.tollgate.filters.ratelimit;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * TEMPORARY stand-in for the testkit's RedisHarness until that branch lands: a redis-server process on a free port.
 */
final class TempRedis {

	private static TempRedis shared;

	private final int port;

	private Process process;

	private TempRedis(int port) {
		this.port = port;
	}

	static synchronized TempRedis shared() {
		if (shared == null) {
			shared = dedicated();
		}
		return shared;
	}

	static TempRedis dedicated() {
		try (ServerSocket socket = new ServerSocket(0)) {
			TempRedis redis = new TempRedis(socket.getLocalPort());
			redis.start();
			return redis;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String uri() {
		return "redis://127.0.0.1:" + this.port;
	}

	synchronized void start() {
		try {
			this.process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(this.port), "--save",
					"", "--appendonly", "no", "--bind", "127.0.0.1"))
				.redirectOutput(new File("/dev/null"))
				.redirectErrorStream(true)
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(this.process::destroy));
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (System.nanoTime() < deadline) {
				try (Socket s = new Socket("127.0.0.1", this.port)) {
					return;
				}
				catch (IOException notYet) {
					Thread.onSpinWait();
				}
			}
			throw new IllegalStateException("redis-server did not start");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	synchronized void stop() {
		this.process.destroy();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
