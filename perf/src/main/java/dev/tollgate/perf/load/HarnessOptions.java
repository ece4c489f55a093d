package dev.tollgate.perf.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tollgate.perf.load.process.CpuPinning;

/**
 * The harness's command line. Every option has a default so {@code LoadHarness} alone does a full run.
 *
 * @param duration measured time per (system, client count)
 * @param warmup warm-up time before each measurement (repeated until every client was seen twice)
 * @param concurrency open connections (fixed concurrency, closed loop)
 * @param threads wrk threads
 * @param clients client counts to run, e.g. 1, 100, 10000
 * @param systems system ids to run, in order; empty means all
 * @param resultsDir where {@code latest.json}, {@code latest.md} and the chart go
 * @param workDir logs, generated configs, credentials files, flight recordings
 * @param tollgateJar the packaged gateway ({@code gateway-app/target/tollgate-gateway.jar})
 * @param jvmOptions options of every gateway JVM (the same for all systems)
 * @param jfr record a flight recording of each gateway process
 * @param rounds how many times to run every system; each row reports the round with the median throughput, so one
 * disturbed minute on a shared machine does not decide a ratio
 * @param pinning which cpus the gateway and everything else run on; {@code null}: wherever the scheduler puts them
 */
public record HarnessOptions(Duration duration, Duration warmup, int concurrency, int threads, List<Integer> clients,
		List<String> systems, Path resultsDir, Path workDir, Path tollgateJar, List<String> jvmOptions, boolean jfr,
		int rounds, CpuPinning pinning) {

	static final String USAGE = """
			usage: LoadHarness [--duration 20s] [--warmup 10s] [--concurrency 32] [--threads 2]
			                   [--clients 1,100,10000] [--systems direct,bare,spring-builtins,tollgate-bearer,...]
			                   [--results perf/results] [--work perf/target/load-run]
			                   [--tollgate-jar gateway-app/target/tollgate-gateway.jar]
			                   [--jvm-opts "-Xms1g -Xmx1g"] [--jfr] [--rounds 1] [--pin 0/1]
			""";

	public HarnessOptions {
		if (duration.isNegative() || duration.toSeconds() < 1) {
			throw new IllegalArgumentException("--duration must be at least 1s");
		}
		if (concurrency < 1 || threads < 1) {
			throw new IllegalArgumentException("--concurrency and --threads must be positive");
		}
		if (rounds < 1) {
			throw new IllegalArgumentException("--rounds must be at least 1");
		}
		if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1)) {
			throw new IllegalArgumentException("--clients must list positive counts");
		}
		clients = List.copyOf(clients);
		systems = List.copyOf(systems);
		jvmOptions = List.copyOf(jvmOptions);
	}

	public static HarnessOptions parse(String... args) {
		Map<String, String> values = values(args, List.of("jfr"), List.of("duration", "warmup", "concurrency",
				"threads", "clients", "systems", "results", "work", "tollgate-jar", "jvm-opts", "rounds", "pin"), USAGE);
		boolean jfr = Boolean.parseBoolean(values.getOrDefault("jfr", "false"));
		return new HarnessOptions(duration(values.getOrDefault("duration", "20s")),
				duration(values.getOrDefault("warmup", "10s")),
				Integer.parseInt(values.getOrDefault("concurrency", "32")),
				Integer.parseInt(values.getOrDefault("threads", "2")),
				ints(values.getOrDefault("clients", "1,100,10000")), words(values.getOrDefault("systems", "")),
				Path.of(values.getOrDefault("results", "perf/results")),
				Path.of(values.getOrDefault("work", "perf/target/load-run")),
				Path.of(values.getOrDefault("tollgate-jar", "gateway-app/target/tollgate-gateway.jar")),
				words(values.getOrDefault("jvm-opts", "-Xms1g -Xmx1g").replace(' ', ',')), jfr,
				Integer.parseInt(values.getOrDefault("rounds", "1")),
				values.containsKey("pin") ? CpuPinning.parse(values.get("pin")) : null);
	}

	/**
	 * {@code --name value} and {@code --name=value} pairs by name; a {@code flag} stands alone ({@code --jfr}, or
	 * {@code --jfr=false}) and maps to {@code "true"}. Unknown names, stray words and {@code --help} are refused with
	 * {@code usage}. Shared by every command line of the perf module.
	 */
	public static Map<String, String> values(String[] args, List<String> flags, List<String> known, String usage) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + usage);
			}
			String name = arg.substring(2);
			String value = null;
			int eq = name.indexOf('=');
			if (eq >= 0) {
				value = name.substring(eq + 1);
				name = name.substring(0, eq);
			}
			if (name.equals("help")) {
				throw new IllegalArgumentException(usage);
			}
			if (flags.contains(name)) {
				values.put(name, Boolean.toString((value == null) || Boolean.parseBoolean(value)));
				continue;
			}
			if (!known.contains(name)) {
				throw new IllegalArgumentException("unknown option --" + name + "\n" + usage);
			}
			if (value == null) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("--" + name + " needs a value\n" + usage);
				}
				value = args[++i];
			}
			values.put(name, value);
		}
		return values;
	}

	/** {@code 500ms}, {@code 20s}, {@code 2m}, or a bare number of seconds. */
	public static Duration duration(String text) {
		String t = text.trim().toLowerCase(Locale.ROOT);
		try {
			if (t.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
			}
			if (t.endsWith("s")) {
				return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
			}
			if (t.endsWith("m")) {
				return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
			}
			return Duration.ofSeconds(Long.parseLong(t));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("malformed duration '" + text + "' (use e.g. 20s, 500ms, 2m)");
		}
	}

	static List<Integer> ints(String text) {
		List<Integer> values = new ArrayList<>();
		for (String w : words(text)) {
			values.add(Integer.parseInt(w.replace("_", "")));
		}
		return values;
	}

	public static List<String> words(String text) {
		return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
	}

	/** The settings as recorded in the JSON result. */
	Map<String, Object> describe() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("duration", this.duration.toSeconds() + "s");
		settings.put("warmup", this.warmup.toSeconds() + "s");
		settings.put("concurrency", this.concurrency);
		settings.put("threads", this.threads);
		settings.put("clients", this.clients);
		settings.put("jvmOptions", String.join(" ", this.jvmOptions));
		settings.put("jfr", this.jfr);
		settings.put("rounds", this.rounds);
		settings.put("pinning", (this.pinning != null) ? this.pinning.toString() : "none");
		return settings;
	}

}
