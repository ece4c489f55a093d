package dev.tollgate.perf.load.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A flight recording of one measured window ({@code --jfr}). Each gateway records from its start
 * ({@link #JVM_OPTION}), so JFR's own start-up cost falls in the warm-up; when a window ends, the part between its
 * start and its end is dumped with {@code jcmd JFR.dump begin=… end=…} (after a dump at the window's start has begun
 * a new chunk, since dumps select whole chunks) to
 * {@code <workDir>/<gateway>-<clients>-clients.jfr}. A dump of the whole process also held the start-up and every
 * warm-up (10,000 first-time token exchanges or mints at 10,000 clients), which buried the steady state the profile
 * is taken for; a recording started at the window's start put JFR's initialisation into the window.
 */
public final class MeasuredRecording implements AutoCloseable {

	private static final String NAME = "tollgate-gateway";

	/** The gateway JVM's option that starts the recording this class dumps from. */
	public static final String JVM_OPTION = "-XX:StartFlightRecording=name=" + NAME + ",settings=profile";

	private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(60);

	private final List<ManagedProcess> gateways;

	private final Path workDir;

	private final int clients;

	private final Instant begin;

	private MeasuredRecording(List<ManagedProcess> gateways, Path workDir, int clients) {
		this.gateways = gateways;
		this.workDir = workDir;
		this.clients = clients;
		// JFR.dump begin/end selects whole chunks, and a chunk can span minutes of warm-up (stop 23: a "window" file
		// held 130 s). Dumping a running recording starts a new chunk, so one throwaway dump here puts a chunk
		// boundary at the window's start.
		for (ManagedProcess gateway : gateways) {
			Path mark = workDir.resolve(gateway.name() + "-window-start.jfr").toAbsolutePath();
			jcmd(gateway, "JFR.dump", "name=" + NAME, "filename=" + mark);
			try {
				Files.deleteIfExists(mark);
			}
			catch (IOException ex) {
				// a leftover file in the work dir, nothing more
			}
		}
		this.begin = Instant.now();
	}

	/** Marks the start of a measured window. */
	public static MeasuredRecording begin(List<ManagedProcess> gateways, Path workDir, int clients) {
		return new MeasuredRecording(gateways, workDir, clients);
	}

	/** Dumps the window, from its start to now, of every gateway's recording. */
	@Override
	public void close() {
		Instant end = Instant.now();
		for (ManagedProcess gateway : this.gateways) {
			Path file = this.workDir.resolve(gateway.name() + "-" + this.clients + "-clients.jfr").toAbsolutePath();
			jcmd(gateway, "JFR.dump", "name=" + NAME, "begin=" + this.begin, "end=" + end, "filename=" + file);
		}
	}

	private void jcmd(ManagedProcess gateway, String... command) {
		Path jcmd = Path.of(ManagedProcess.javaExecutable()).resolveSibling("jcmd");
		List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(gateway.pid())));
		line.addAll(List.of(command));
		Path log = this.workDir.resolve(gateway.name() + "-jcmd.log");
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
