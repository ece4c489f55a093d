package dev.tollgate.perf.load.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pins the gateway under test to its own cores and everything else (the harness with wrk, the upstream, Redis and
 * the authorization server, which it starts) to the others, with {@code taskset}: on a small machine they otherwise
 * fight over the same cores, and the gateway's throughput then measures the scheduler as much as the gateway.
 * Children inherit the harness's affinity; each gateway is started through {@code taskset -c}, which execs it, so
 * its pid (whose CPU time is measured) stays the gateway's.
 *
 * @param gatewayCpus the gateway's cpu list, e.g. {@code 0}
 * @param otherCpus everything else's, e.g. {@code 1}
 */
public record CpuPinning(String gatewayCpus, String otherCpus) {

	private static final Pattern CPU_LIST = Pattern.compile("[0-9]+([-,][0-9]+)*");

	public CpuPinning {
		if (!CPU_LIST.matcher(gatewayCpus).matches() || !CPU_LIST.matcher(otherCpus).matches()) {
			throw new IllegalArgumentException("--pin takes GATEWAY_CPUS/OTHER_CPUS, e.g. 0/1 or 0-1/2-3");
		}
	}

	/** {@code 0/1} style, as given to {@code --pin}. */
	public static CpuPinning parse(String value) {
		int slash = value.indexOf('/');
		if (slash < 0) {
			throw new IllegalArgumentException("--pin takes GATEWAY_CPUS/OTHER_CPUS, e.g. 0/1");
		}
		return new CpuPinning(value.substring(0, slash), value.substring(slash + 1));
	}

	/** Moves this JVM, every thread of it, and so every process it starts later, to the other cpus. */
	public void pinHarness(Path log) throws IOException {
		long pid = ProcessHandle.current().pid();
		int exit = ManagedProcess.runToCompletion(List.of(taskset(), "-a", "-p", "-c", this.otherCpus,
				Long.toString(pid)), log, java.time.Duration.ofSeconds(10));
		if (exit != 0) {
			throw new IOException("taskset failed (exit " + exit + "); see " + log);
		}
	}

	/** The gateway's command line, run on the gateway's cpus. */
	public List<String> gatewayCommand(List<String> command) {
		List<String> pinned = new ArrayList<>(List.of(taskset(), "-c", this.gatewayCpus));
		pinned.addAll(command);
		return pinned;
	}

	private static String taskset() {
		for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
			if (Files.isExecutable(Path.of(dir, "taskset"))) {
				return dir + "/taskset";
			}
		}
		throw new IllegalStateException("--pin needs taskset (Debian package util-linux)");
	}

	@Override
	public String toString() {
		return "gateway on cpus " + this.gatewayCpus + ", load generator, upstream and Redis on cpus " + this.otherCpus;
	}

}
