package dev.tollgate.perf.load.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A flight recording of the measured window only ({@code --jfr}): started with {@code jcmd JFR.start} on each
 * gateway just before the measurement and stopped just after it. A recording of the whole process also held the
 * start-up and every warm-up (10,000 first-time token exchanges or mints at 10,000 clients), which buried the steady
 * state the profile is taken for.
 */
public final class MeasuredRecording implements AutoCloseable {

	private static final String NAME = "measured";

	private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(60);

	private final List<ManagedProcess> gateways;

	private final Path workDir;

	private MeasuredRecording(List<ManagedProcess> gateways, Path workDir) {
		this.gateways = gateways;
		this.workDir = workDir;
	}

	/**
	 * Starts a recording (profile settings) on every gateway; each is written to
	 * {@code <workDir>/<gateway>-<clients>-clients.jfr} when {@link #close closed}.
	 */
	public static MeasuredRecording start(List<ManagedProcess> gateways, Path workDir, int clients) {
		for (ManagedProcess gateway : gateways) {
			Path file = workDir.resolve(gateway.name() + "-" + clients + "-clients.jfr").toAbsolutePath();
			jcmd(gateway, workDir, "JFR.start", "name=" + NAME, "settings=profile", "filename=" + file);
		}
		return new MeasuredRecording(gateways, workDir);
	}

	/** Stops the recordings, which writes them. */
	@Override
	public void close() {
		for (ManagedProcess gateway : this.gateways) {
			jcmd(gateway, this.workDir, "JFR.stop", "name=" + NAME);
		}
	}

	private static void jcmd(ManagedProcess gateway, Path workDir, String... command) {
		Path jcmd = Path.of(ManagedProcess.javaExecutable()).resolveSibling("jcmd");
		List<String> line = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(gateway.pid())));
		line.addAll(List.of(command));
		Path log = workDir.resolve(gateway.name() + "-jcmd.log");
		try {
			int exit = ManagedProcess.runToCompletion(line, log, JCMD_TIMEOUT);
			if (exit != 0) {
				throw new IllegalStateException(String.join(" ", line) + " exited with " + exit + "; see " + log);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + jcmd + ": " + ex.getMessage(), ex);
		}
	}

}
