package dev.tollgate.perf.load.wrk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs Debian's {@code wrk} (closed loop: fixed connections, each sends its next request when the previous answer
 * arrived) against 127.0.0.1 only, with the credential-rotating Lua script.
 */
public final class Wrk {

	private final String executable;

	private final Path script;

	private final int threads;

	private final int connections;

	/** Extra environment of the script ({@code WRK_DELAY_MS}, {@code WRK_COUNT_STATUSES}); empty for the harness. */
	private final java.util.Map<String, String> scriptEnvironment;

	private Wrk(String executable, Path script, int threads, int connections,
			java.util.Map<String, String> scriptEnvironment) {
		this.executable = executable;
		this.script = script;
		this.threads = threads;
		this.connections = connections;
		this.scriptEnvironment = java.util.Map.copyOf(scriptEnvironment);
	}

	/** Copies the Lua script into {@code workDir} and checks that wrk runs. */
	public static Wrk prepare(Path workDir, int threads, int connections) throws IOException {
		Path script = workDir.resolve("rotate-credentials.lua");
		try (InputStream in = Wrk.class.getResourceAsStream("/dev/tollgate/perf/load/rotate-credentials.lua")) {
			Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
		}
		String executable = System.getenv().getOrDefault("WRK", "wrk");
		if (version(executable) == null) {
			throw new IllegalStateException("wrk not found: install it with 'apt-get install -y wrk' (or set WRK)");
		}
		// wrk gives each thread connections/threads connections; never more threads than connections.
		return new Wrk(executable, script, Math.min(threads, connections), connections, java.util.Map.of());
	}

	/**
	 * This wrk paced to about {@code requestsPerSecond} in all (each connection waits {@code connections / rate}
	 * between an answer and its next request, so the rate is a ceiling that slow answers lower), counting answers by
	 * status ({@link WrkResult#statuses()}). Moderate load for long runs instead of a closed loop at saturation.
	 */
	public Wrk paced(double requestsPerSecond) {
		long delayMs = Math.max(1, Math.round(this.connections * 1000.0 / requestsPerSecond));
		return new Wrk(this.executable, this.script, this.threads, this.connections,
				java.util.Map.of("WRK_DELAY_MS", Long.toString(delayMs), "WRK_COUNT_STATUSES", "1"));
	}

	/** {@code wrk -v}'s first line, or {@code null} when wrk cannot be run. */
	public static String version(String executable) {
		try {
			Process p = new ProcessBuilder(executable, "-v").redirectErrorStream(true).start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			p.waitFor(10, TimeUnit.SECONDS);
			return out.lines().findFirst().orElse("").trim();
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	public int threads() {
		return this.threads;
	}

	public int connections() {
		return this.connections;
	}

	/**
	 * Drives {@code path} on the given loopback ports for {@code duration}; with several ports the threads are
	 * spread over them (the load is split between instances).
	 */
	public WrkResult run(List<Integer> ports, String path, Path credentials, Duration duration) {
		return run(ports, path, credentials, duration, 0);
	}

	/**
	 * As {@link #run(List, String, Path, Duration)}, each thread starting {@code start} credentials into its share of
	 * the rotation (continue where an earlier run stopped).
	 */
	public WrkResult run(List<Integer> ports, String path, Path credentials, Duration duration, long start) {
		return run(ports, path, credentials, duration, start, null);
	}

	/**
	 * As {@link #run(List, String, Path, Duration, long)}, posting the JSON in {@code body} (a file) with every request
	 * when it is not {@code null}.
	 */
	public WrkResult run(List<Integer> ports, String path, Path credentials, Duration duration, long start,
			Path body) {
		List<String> command = command(ports, path, credentials, duration);
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().put("WRK_TARGET_PORTS",
					ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
			builder.environment().put("WRK_THREADS", Integer.toString(threadsFor(ports)));
			builder.environment().put("WRK_START", Long.toString(start));
			builder.environment().putAll(this.scriptEnvironment);
			if (body != null) {
				builder.environment().put("WRK_BODY_FILE", body.toString());
			}
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("wrk did not stop");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("wrk exited with " + process.exitValue() + ": " + output);
			}
			return WrkResult.parse(output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while wrk ran", ex);
		}
	}

	/** Threads of a run: at least one per target port. */
	public int threadsFor(List<Integer> ports) {
		return (ports.size() > 1) ? Math.max(this.threads, ports.size()) : this.threads;
	}

	List<String> command(List<Integer> ports, String path, Path credentials, Duration duration) {
		List<String> command = new ArrayList<>();
		command.add(this.executable);
		command.add("-t" + threadsFor(ports));
		command.add("-c" + this.connections);
		command.add("-d" + Math.max(1, duration.toSeconds()) + "s");
		command.add("--timeout");
		command.add("5s");
		command.add("-s");
		command.add(this.script.toString());
		// Loopback only: the URL's host is fixed, and the script's per-thread addresses are 127.0.0.1 too.
		command.add("http://127.0.0.1:" + ports.get(0) + path);
		command.add("--");
		command.add(credentials.toString());
		return command;
	}

}
