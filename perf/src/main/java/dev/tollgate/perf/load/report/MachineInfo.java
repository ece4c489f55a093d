package dev.tollgate.perf.load.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Facts about the machine and the checkout, read once per run. */
public final class MachineInfo {

	private MachineInfo() {
	}

	public static Map<String, Object> describe() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("cpuModel", cpuModel());
		m.put("cpus", Runtime.getRuntime().availableProcessors());
		m.put("memoryMb", memoryMb());
		m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		m.put("loadAverageAtStart", loadAverage());
		return m;
	}

	/** The 1, 5 and 15 minute load averages: above the core count means other work competed with the run. */
	public static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	/** {@code [commit, dirty]} of the work tree the harness runs in. */
	public static List<String> git() {
		String commit = command("git", "rev-parse", "HEAD");
		String status = command("git", "status", "--porcelain", "--untracked-files=no");
		return List.of(commit.isBlank() ? "unknown" : commit.trim(), Boolean.toString(!status.isBlank()));
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter(l -> l.startsWith("model name"))
				.map(l -> l.substring(l.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static long memoryMb() {
		try {
			return Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter(l -> l.startsWith("MemTotal:"))
				.map(l -> Long.parseLong(l.replaceAll("\\D+", "")) / 1024)
				.findFirst()
				.orElse(-1L);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static String command(String... command) {
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

}
