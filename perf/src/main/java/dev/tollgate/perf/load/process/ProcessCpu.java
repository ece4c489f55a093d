package dev.tollgate.perf.load.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of a process on Linux, from {@code /proc/<pid>/stat} (utime + stime, fields 14 and 15, in clock ticks).
 * Read before and after a run, the difference is what the process spent on that run, whatever its threads did.
 */
public final class ProcessCpu {

	private static final long TICKS_PER_SECOND = clockTicks();

	private ProcessCpu() {
	}

	/** User + system CPU seconds the process has used so far; {@code NaN} when it cannot be read. */
	public static double seconds(long pid) {
		try {
			return parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII),
					TICKS_PER_SECOND);
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	/**
	 * Parses a {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and may contain spaces
	 * and parentheses itself, so fields are counted from the last {@code ')'}.
	 */
	static double parseStat(String stat, long ticksPerSecond) {
		String rest = stat.substring(stat.lastIndexOf(')') + 2).trim();
		String[] fields = rest.split("\\s+");
		// rest starts at field 3 (state): utime is field 14 -> index 11, stime field 15 -> index 12.
		long utime = Long.parseLong(fields[11]);
		long stime = Long.parseLong(fields[12]);
		return (double) (utime + stime) / ticksPerSecond;
	}

	private static long clockTicks() {
		try {
			Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
			p.waitFor(5, TimeUnit.SECONDS);
			return Long.parseLong(out);
		}
		catch (IOException | NumberFormatException ex) {
			return 100; // USER_HZ on every mainstream Linux build
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

}
