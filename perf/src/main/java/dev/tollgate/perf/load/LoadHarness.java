package dev.tollgate.perf.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import dev.tollgate.perf.load.credentials.ApiKeyIssuer;
import dev.tollgate.perf.load.credentials.AuthorizationServerClients;
import dev.tollgate.perf.load.credentials.CredentialFiles;
import dev.tollgate.perf.load.credentials.DpopProofs;
import dev.tollgate.perf.load.process.ManagedProcess;
import dev.tollgate.perf.load.process.Ports;
import dev.tollgate.perf.load.process.RedisServer;
import dev.tollgate.perf.load.report.Comparison;
import dev.tollgate.perf.load.report.JsonReport;
import dev.tollgate.perf.load.report.LatencyChart;
import dev.tollgate.perf.load.report.MachineInfo;
import dev.tollgate.perf.load.report.MarkdownReport;
import dev.tollgate.perf.load.report.Measurement;
import dev.tollgate.perf.load.report.RunInfo;
import dev.tollgate.perf.load.report.Rounds;
import dev.tollgate.perf.load.systems.Stage;
import dev.tollgate.perf.load.systems.SystemSpec;
import dev.tollgate.perf.load.systems.SystemSpec.Credentials;
import dev.tollgate.perf.load.systems.Systems;
import dev.tollgate.perf.load.systems.TollgateBuild;
import dev.tollgate.perf.load.wrk.Wrk;

/**
 * One command that measures Tollgate against what users would otherwise run, in the same run on the same machine:
 * starts Redis, the authorization server (with one client per simulated caller), the fast upstream, then each
 * system in turn; drives each with wrk at fixed concurrency for 1, 100, 10,000 distinct clients; and writes a
 * markdown table (stdout and {@code latest.md}), {@code latest.json} and a latency chart. Loopback only.
 */
public final class LoadHarness {

	private final HarnessOptions options;

	private final List<String> notes = new ArrayList<>();

	private final List<Measurement> rows = new ArrayList<>();

	private LoadHarness(HarnessOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		HarnessOptions options;
		try {
			options = HarnessOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		System.setProperty("java.awt.headless", "true");
		new LoadHarness(options).run();
		System.exit(0);
	}

	void run() throws Exception {
		String startedAt = Instant.now().toString();
		Map<String, Object> machine = MachineInfo.describe();
		List<String> git = MachineInfo.git();
		Path work = this.options.workDir().toAbsolutePath();
		Files.createDirectories(work);
		Files.createDirectories(this.options.resultsDir());
		if (this.options.pinning() != null) {
			// Before anything is started: every process the harness starts inherits its cpus.
			this.options.pinning().pinHarness(work.resolve("taskset.log"));
			log("pinned: %s", this.options.pinning());
		}
		TollgateBuild build = TollgateBuild.inspect(this.options.tollgateJar());
		List<SystemSpec> systems = select(Systems.all(build));
		describeBuild(build);
		Wrk wrk = Wrk.prepare(work, this.options.threads(), this.options.concurrency());
		Map<String, Object> settings = this.options.describe();
		settings.put("wrk", Wrk.version(System.getenv().getOrDefault("WRK", "wrk")));
		settings.put("wrkThreads", wrk.threads());
		int maxClients = Collections.max(this.options.clients());
		log("machine: %s; load average %s", machine.get("cpuModel"), machine.get("loadAverageAtStart"));
		try (RedisServer redis = RedisServer.startOrUse(work);
				ManagedProcess upstream = startUpstream(work);
				AuthorizationServerClients as = AuthorizationServerClients.start(maxClients, Duration.ofHours(6), work)) {
			CredentialFiles files = new CredentialFiles(work.resolve("credentials"));
			Map<Credentials, String[]> smokeHeaders = new EnumMap<>(Credentials.class);
			long t0 = System.nanoTime();
			List<String> tokens = as.mintTokens(4);
			log("minted %d client tokens in %.1f s", tokens.size(), (System.nanoTime() - t0) / 1e9);
			files.write(Credentials.BEARER, tokens, this.options.clients());
			smokeHeaders.put(Credentials.BEARER, CredentialFiles.header(Credentials.BEARER, tokens.get(0)));
			if (build.apiKeys() && systems.stream().anyMatch(s -> s.credentials() == Credentials.API_KEY)) {
				long k0 = System.nanoTime();
				List<String> keys = ApiKeyIssuer.issue(this.options.tollgateJar(), redis.url(), maxClients, work);
				log("issued %d API keys in %.1f s", keys.size(), (System.nanoTime() - k0) / 1e9);
				files.write(Credentials.API_KEY, keys, this.options.clients());
				smokeHeaders.put(Credentials.API_KEY, CredentialFiles.header(Credentials.API_KEY, keys.get(0)));
			}
			DpopProofs dpop = null;
			if (systems.stream().anyMatch(s -> s.credentials() == Credentials.DPOP)) {
				long d0 = System.nanoTime();
				RSAKey key = new RSAKeyGenerator(2048).keyID("perf-dpop").generate();
				List<String> bound = as.mintDpopTokens(key, 4);
				log("minted %d DPoP-bound client tokens in %.1f s", bound.size(), (System.nanoTime() - d0) / 1e9);
				dpop = new DpopProofs(key, bound, Systems.PUBLIC_BASE_URL + Stage.PATH);
				smokeHeaders.put(Credentials.DPOP, CredentialFiles.header(Credentials.DPOP, bound.get(0)));
			}
			Stage stage = new Stage(upstream.port(), redis.url(), as.issuerUri(), as.jwksUri(), as.tokenUri(),
					AuthorizationServerClients.GATEWAY_CLIENT_ID, AuthorizationServerClients.GATEWAY_CLIENT_SECRET,
					baselineClasspath(this.options.tollgateJar()), this.options.jvmOptions(), this.options.tollgateJar(),
					build,
					work, this.options.jfr(), this.options.pinning());
			Map<String, String> described = new LinkedHashMap<>();
			systems.forEach(s -> described.put(s.id(), s.description()));
			List<Measurement> measured = new ArrayList<>();
			for (int round = 1; round <= this.options.rounds(); round++) {
				if (this.options.rounds() > 1) {
					log("round %d of %d", round, this.options.rounds());
				}
				for (SystemSpec system : systems) {
					SystemRun run = new SystemRun(system, stage, wrk, files, smokeHeaders.get(system.credentials()),
							this.options, upstream, redis, this.notes::add,
							(system.credentials() == Credentials.DPOP) ? dpop : null);
					measured.addAll(run.measureAll());
					this.rows.clear();
					this.rows.addAll(Rounds.medians(measured));
					machine.put("loadAverageAtEnd", MachineInfo.loadAverage());
					write(new RunInfo(startedAt, git.get(0), Boolean.parseBoolean(git.get(1)), machine, settings,
							described, this.notes), false);
				}
			}
			if (this.options.rounds() > 1) {
				this.notes.addAll(Rounds.spread(measured));
			}
			write(new RunInfo(startedAt, git.get(0), Boolean.parseBoolean(git.get(1)), machine, settings, described,
					this.notes), true);
		}
	}

	private List<SystemSpec> select(List<SystemSpec> all) {
		if (this.options.systems().isEmpty()) {
			return all;
		}
		List<SystemSpec> chosen = new ArrayList<>();
		for (String id : this.options.systems()) {
			chosen.add(all.stream()
				.filter(s -> s.id().equals(id))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("unknown system '" + id + "'; known: "
						+ all.stream().map(SystemSpec::id).toList())));
		}
		return chosen;
	}

	private void describeBuild(TollgateBuild build) {
		if (!build.present()) {
			this.notes.add("No Tollgate jar at " + this.options.tollgateJar() + ": Tollgate systems not measured "
					+ "(build it with mvn -pl perf -am package -DskipTests).");
			return;
		}
		if (!build.exchange()) {
			this.notes.add("Token exchange is not in this build: Tollgate bearer rows mint the upstream token instead.");
		}
		if (!build.rateLimit()) {
			this.notes.add("ClientRateLimit is not in this build: Tollgate rows run without rate limiting.");
		}
		if (!build.apiKeys()) {
			this.notes.add("API-key authentication is not in this build: tollgate-apikey not measured.");
		}
	}

	/**
	 * The harness's classpath without the packaged gateway: the repackaged jar's own {@code spring.factories} names
	 * classes that only its nested class loader can see, and a baseline must not run Tollgate code anyway.
	 */
	public static String baselineClasspath(Path tollgateJar) {
		Path jar = tollgateJar.toAbsolutePath().normalize();
		return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
			.filter(e -> !Path.of(e).toAbsolutePath().normalize().equals(jar))
			.filter(e -> !Path.of(e).getFileName().toString().startsWith("tollgate-gateway"))
			.collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
	}

	private ManagedProcess startUpstream(Path work) {
		return startUpstream(work, this.options.tollgateJar());
	}

	/** The fast upstream ({@link FastUpstream}) in a JVM of its own, on a free loopback port. */
	public static ManagedProcess startUpstream(Path work, Path tollgateJar) {
		int port = Ports.free();
		List<String> command = ManagedProcess.java(List.of("-Xms256m", "-Xmx256m"), "-cp",
				baselineClasspath(tollgateJar),
				FastUpstream.class.getName(), Integer.toString(port));
		return ManagedProcess.start("upstream", command, work.resolve("upstream.log"), port, Duration.ofSeconds(60));
	}

	private void write(RunInfo info, boolean last) throws IOException {
		List<Comparison> compared = Comparison.of(this.rows);
		String markdown = MarkdownReport.render(info, compared);
		Path results = this.options.resultsDir();
		Files.writeString(results.resolve("latest.json"), JsonReport.render(info, compared), StandardCharsets.UTF_8);
		Files.writeString(results.resolve("latest.md"), markdown, StandardCharsets.UTF_8);
		LatencyChart.write("Tollgate load harness: latency percentiles per system (" + this.options.concurrency()
				+ " connections)", this.rows, results.resolve("latency.png"));
		if (last) {
			System.out.println(markdown);
			log("wrote %s, %s and %s", results.resolve("latest.json"), results.resolve("latest.md"),
					results.resolve("latency.png"));
		}
	}

	static void log(String format, Object... args) {
		System.err.println(java.time.LocalTime.now().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"))
				+ " [load-harness] "
				+ String.format(Locale.ROOT, format, args));
	}

}
