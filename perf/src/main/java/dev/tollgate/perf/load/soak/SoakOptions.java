package dev.tollgate.perf.load.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.perf.load.HarnessOptions;

/**
 * The soak run's command line. Every option has a default, so {@code SoakRun} alone does the 30-minute run.
 *
 * @param duration whole run
 * @param redisRestartEvery Redis is stopped at every multiple of this since the start
 * @param redisDownFor and started again (same port, same data) this long after it was stopped
 * @param rate requests per second per credential kind (bearer, API key): a ceiling, each connection is paced
 * @param concurrency connections per credential kind
 * @param clients distinct callers per credential kind (one token and one key each)
 * @param sampleEvery length of one interval: memory is sampled and statuses counted per interval
 * @param onStoreFailure the gateway's {@code tollgate.rate-limit.on-store-failure}: {@code deny} (503 while Redis
 * is down, so every 2xx after a restart was decided by Redis), {@code local} or {@code allow}
 * @param resultsDir where {@code soak-latest.md} and {@code soak-latest.json} go
 * @param workDir logs, generated configs, credentials, the GC log, Redis's files
 * @param tollgateJar the packaged gateway
 * @param jvmOptions the gateway's JVM options; the heap is pre-touched so RSS growth is not the heap being paged in
 */
public record SoakOptions(Duration duration, Duration redisRestartEvery, Duration redisDownFor, double rate,
		int concurrency, int clients, Duration sampleEvery, String onStoreFailure, Path resultsDir, Path workDir,
		Path tollgateJar, List<String> jvmOptions) {

	static final String USAGE = """
			usage: SoakRun [--duration 30m] [--redis-restart-every 5m] [--redis-down-for 20s] [--rate 50]
			               [--concurrency 2] [--clients 100] [--sample-every 30s] [--on-store-failure deny]
			               [--results perf/results] [--work perf/target/soak-run]
			               [--tollgate-jar gateway-app/target/tollgate-gateway.jar]
			               [--jvm-opts "-Xms512m -Xmx512m -XX:+AlwaysPreTouch"]
			""";

	public SoakOptions {
		if (sampleEvery.toSeconds() < 1 || duration.compareTo(sampleEvery) < 0) {
			throw new IllegalArgumentException("--sample-every must be at least 1s and at most --duration");
		}
		if (redisDownFor.isNegative() || redisDownFor.compareTo(redisRestartEvery) >= 0) {
			throw new IllegalArgumentException("--redis-down-for must be shorter than --redis-restart-every");
		}
		if (!(rate > 0) || concurrency < 1 || clients < 1) {
			throw new IllegalArgumentException("--rate, --concurrency and --clients must be positive");
		}
		if (!List.of("deny", "local", "allow").contains(onStoreFailure)) {
			throw new IllegalArgumentException("--on-store-failure must be deny, local or allow");
		}
		jvmOptions = List.copyOf(jvmOptions);
	}

	public static SoakOptions parse(String... args) {
		Map<String, String> v = HarnessOptions.values(args, List.of(),
				List.of("duration", "redis-restart-every", "redis-down-for", "rate", "concurrency", "clients",
						"sample-every", "on-store-failure", "results", "work", "tollgate-jar", "jvm-opts"),
				USAGE);
		return new SoakOptions(HarnessOptions.duration(v.getOrDefault("duration", "30m")),
				HarnessOptions.duration(v.getOrDefault("redis-restart-every", "5m")),
				HarnessOptions.duration(v.getOrDefault("redis-down-for", "20s")),
				Double.parseDouble(v.getOrDefault("rate", "50")), Integer.parseInt(v.getOrDefault("concurrency", "2")),
				Integer.parseInt(v.getOrDefault("clients", "100")),
				HarnessOptions.duration(v.getOrDefault("sample-every", "30s")),
				v.getOrDefault("on-store-failure", "deny"), Path.of(v.getOrDefault("results", "perf/results")),
				Path.of(v.getOrDefault("work", "perf/target/soak-run")),
				Path.of(v.getOrDefault("tollgate-jar", "gateway-app/target/tollgate-gateway.jar")),
				HarnessOptions.words(v.getOrDefault("jvm-opts", "-Xms512m -Xmx512m -XX:+AlwaysPreTouch")
					.replace(' ', ',')));
	}

	/**
	 * When Redis is stopped, as offsets from the start: every {@code redisRestartEvery}, as long as the outage and
	 * a minute to recover fit in the run.
	 */
	public List<Duration> restartTimes() {
		List<Duration> times = new java.util.ArrayList<>();
		for (Duration t = this.redisRestartEvery; t.plus(this.redisDownFor).plusMinutes(1).compareTo(this.duration) <= 0;
				t = t.plus(this.redisRestartEvery)) {
			times.add(t);
		}
		return times;
	}

	/** The settings as recorded in the JSON result. */
	Map<String, Object> describe() {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("duration", this.duration.toString());
		s.put("redisRestartEvery", this.redisRestartEvery.toString());
		s.put("redisDownFor", this.redisDownFor.toString());
		s.put("ratePerCredentialKind", this.rate);
		s.put("connectionsPerCredentialKind", this.concurrency);
		s.put("clients", this.clients);
		s.put("sampleEvery", this.sampleEvery.toString());
		s.put("onStoreFailure", this.onStoreFailure);
		s.put("jvmOptions", String.join(" ", this.jvmOptions));
		return s;
	}

}
