package dev.tollgate.perf.load.report;

import java.util.List;
import java.util.Map;

/**
 * What a reader needs to reproduce or compare a run: when, which commit, which machine, which settings, and what
 * each system was.
 *
 * @param startedAt ISO-8601 instant the run started
 * @param gitCommit commit the gateway was built from ({@code unknown} outside a git work tree)
 * @param gitDirty whether the work tree had uncommitted changes
 * @param machine machine facts (cpu model, cores, memory, os, java, load average at start)
 * @param settings harness settings (duration, warmup, concurrency, threads, client counts, jvm options, wrk)
 * @param systems system id to a one-line description of what it runs
 * @param notes caveats recorded during the run (features missing in the build, other processes running...)
 */
public record RunInfo(String startedAt, String gitCommit, boolean gitDirty, Map<String, Object> machine,
		Map<String, Object> settings, Map<String, String> systems, List<String> notes) {

	public RunInfo {
		machine = Map.copyOf(machine);
		settings = Map.copyOf(settings);
		systems = Map.copyOf(systems);
		notes = List.copyOf(notes);
	}

}
