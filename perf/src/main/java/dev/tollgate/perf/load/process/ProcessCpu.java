package dev.tollgate.perf.load.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
	 * CPU seconds the process's JIT compiler threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*}) have used
	 * so far, from {@code /proc/<pid>/task/<tid>/stat}; {@code NaN} when it cannot be read. A compiler thread that
	 * ended takes its time with it, so read this while the process runs steadily. On a gateway pinned to one core a
	 * busy compiler takes that core's time from the requests: the harness warms up until it is quiet.
	 */
	public static double compilerSeconds(long pid) {
		Path tasks = Path.of("/proc", Long.toString(pid), "task");
		try (Stream<Path> threads = Files.list(tasks)) {
			long ticks = 0;
			for (Path thread : (Iterable<Path>) threads::iterator) {
				String stat;
				try {
					stat = Files.readString(thread.resolve("stat"), StandardCharsets.US_ASCII);
				}
				catch (IOException ex) {
					continue; // the thread ended between the listing and the read
				}
				if (isCompilerThread(stat)) {
					ticks += ticks(stat);
				}
			}
			return (double) ticks / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	/** Whether a {@code stat} line is a HotSpot JIT compiler thread's (its name, truncated to 15 characters). */
	static boolean isCompilerThread(String stat) {
		String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
		return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
	}

	/**
	 * Parses a {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and may contain spaces
	 * and parentheses itself, so fields are counted from the last {@code ')'}.
	 */
	static double parseStat(String stat, long ticksPerSecond) {
		return (double) ticks(stat) / ticksPerSecond;
	}

	private static long ticks(String stat) {
		String rest = stat.substring(stat.lastIndexOf(')') + 2).trim();
		String[] fields = rest.split("\\s+");
		// rest starts at field 3 (state): utime is field 14 -> index 11, stime field 15 -> index 12.
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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
