package dev.tollgate.perf.load.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process the harness started (a gateway JVM, the upstream, redis-server), with its output in a log file. Only
 * processes started here are ever stopped here, by their own handle.
 */
public final class ManagedProcess implements AutoCloseable {

	/** Everything started and not yet stopped, so an interrupted run (Ctrl-C) leaves nothing behind. */
	private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroy), "stop-started-processes"));
	}

	private final String name;

	private final Process process;

	private final Path log;

	private final int port;

	private ManagedProcess(String name, Process process, Path log, int port) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/** Starts {@code command}, logging to {@code log}, and waits until it listens on {@code port}. */
	public static ManagedProcess start(String name, List<String> command, Path log, int port, Duration startTimeout) {
		try {
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			LIVE.add(process);
			ManagedProcess managed = new ManagedProcess(name, process, log, port);
			if (!Ports.awaitListening(port, startTimeout, process.toHandle())) {
				boolean exited = !process.isAlive();
				managed.close();
				throw new IllegalStateException(name + (exited ? " exited before listening" : " did not listen on 127.0.0.1:"
						+ port + " within " + startTimeout.toSeconds() + " s") + "; see " + log + tail(log));
			}
			return managed;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + name, ex);
		}
	}

	/**
	 * Runs a one-shot command to its end (logging to {@code log}); destroyed if it outlives {@code timeout} or the
	 * harness stops. Returns the exit code.
	 */
	public static int runToCompletion(List<String> command, Path log, Duration timeout) throws IOException {
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		LIVE.add(process);
		try {
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("did not finish within " + timeout.toSeconds() + " s; see " + log);
			}
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		finally {
			LIVE.remove(process);
		}
	}

	/** {@code java} of the running JVM, so children run on the same JDK as the harness. */
	public static String javaExecutable() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/** A JVM command line: {@code java <jvmOptions> <rest...>}. */
	public static List<String> java(List<String> jvmOptions, String... rest) {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(jvmOptions);
		command.addAll(List.of(rest));
		return command;
	}

	public String name() {
		return this.name;
	}

	public long pid() {
		return this.process.pid();
	}

	public int port() {
		return this.port;
	}

	public Path log() {
		return this.log;
	}

	/** Lines of this process's log that contain {@code needle} so far (0 when the log cannot be read). */
	public long logLinesContaining(String needle) {
		try (var lines = Files.lines(this.log, java.nio.charset.StandardCharsets.UTF_8)) {
			return lines.filter(l -> l.contains(needle)).count();
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			return 0;
		}
	}

	public boolean alive() {
		return this.process.isAlive();
	}

	public double cpuSeconds() {
		return ProcessCpu.seconds(this.process.pid());
	}

	/** CPU seconds this process's JIT compiler threads have used so far ({@link ProcessCpu#compilerSeconds}). */
	public double compilerCpuSeconds() {
		return ProcessCpu.compilerSeconds(this.process.pid());
	}

	/** Asks the process to stop (SIGTERM, so a JVM writes its flight recording), then forces it after 20 s. */
	@Override
	public void close() {
		LIVE.remove(this.process);
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return System.lineSeparator() + String.join(System.lineSeparator(),
					lines.subList(Math.max(0, lines.size() - 25), lines.size()));
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

}
