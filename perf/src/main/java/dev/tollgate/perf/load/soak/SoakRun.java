package dev.tollgate.perf.load.soak;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.tollgate.perf.load.LoadHarness;
import dev.tollgate.perf.load.credentials.ApiKeyIssuer;
import dev.tollgate.perf.load.credentials.AuthorizationServerClients;
import dev.tollgate.perf.load.credentials.CredentialFiles;
import dev.tollgate.perf.load.process.ManagedProcess;
import dev.tollgate.perf.load.process.Ports;
import dev.tollgate.perf.load.process.RedisServer;
import dev.tollgate.perf.load.report.MachineInfo;
import dev.tollgate.perf.load.systems.Stage;
import dev.tollgate.perf.load.systems.SystemSpec;
import dev.tollgate.perf.load.systems.SystemSpec.Credentials;
import dev.tollgate.perf.load.systems.Systems;
import dev.tollgate.perf.load.systems.TollgateBuild;
import dev.tollgate.perf.load.wrk.Wrk;
import dev.tollgate.perf.load.wrk.WrkResult;

/**
 * The soak run: one Tollgate gateway (bearer and API-key callers on one route, Redis rate limit) under moderate,
 * paced load for {@code --duration}, Redis stopped every {@code --redis-restart-every} for {@code --redis-down-for}
 * and started again on the same port. Every {@code --sample-every} it counts answers by status and reads the
 * gateway's memory; at the end it writes {@code soak-latest.md} and {@code soak-latest.json}. Loopback only.
 */
public final class SoakRun {

	private final SoakOptions options;

	private SoakRun(SoakOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		SoakOptions options;
		try {
			options = SoakOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		new SoakRun(options).run();
		System.exit(0);
	}

	void run() throws Exception {
		Path work = this.options.workDir().toAbsolutePath();
		Files.createDirectories(work);
		Files.createDirectories(this.options.resultsDir());
		Path redisDir = fresh(work.resolve("redis-data"));
		TollgateBuild build = TollgateBuild.inspect(this.options.tollgateJar());
		if (!build.present() || !build.apiKeys() || !build.rateLimit()) {
			throw new IllegalStateException("the soak needs a gateway jar with API keys and rate limits at "
					+ this.options.tollgateJar() + " (build it with mvn -pl perf -am package -DskipTests)");
		}
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("startedAt", Instant.now().toString());
		List<String> git = MachineInfo.git();
		run.put("git", git.get(0) + (Boolean.parseBoolean(git.get(1)) ? " (dirty)" : ""));
		Map<String, Object> machine = MachineInfo.describe();
		run.put("machine", machine.get("cpuModel") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
		run.put("loadAverageAtStart", MachineInfo.loadAverage());
		run.put("settings", this.options.describe());
		Wrk wrk = Wrk.prepare(work, 1, this.options.concurrency()).paced(this.options.rate());
		String adminToken = adminToken(work.resolve("admin-token"));
		Path gcLog = work.resolve("tollgate-soak-gc.log");
		Files.deleteIfExists(gcLog);
		List<String> jvm = new ArrayList<>(this.options.jvmOptions());
		jvm.add("-Xlog:gc:file=" + gcLog);
		try (RedisServer redis = RedisServer.startOwn(redisDir, true);
				ManagedProcess upstream = LoadHarness.startUpstream(work, this.options.tollgateJar());
				AuthorizationServerClients as = AuthorizationServerClients.start(this.options.clients(),
						Duration.ofHours(6), work)) {
			CredentialFiles files = new CredentialFiles(work.resolve("credentials"));
			List<String> tokens = as.mintTokens(4);
			List<String> keys = ApiKeyIssuer.issue(this.options.tollgateJar(), redis.url(), this.options.clients(), work);
			files.write(Credentials.BEARER, tokens, List.of(this.options.clients()));
			files.write(Credentials.API_KEY, keys, List.of(this.options.clients()));
			Stage stage = new Stage(upstream.port(), redis.url(), as.issuerUri(), as.jwksUri(), as.tokenUri(),
					AuthorizationServerClients.GATEWAY_CLIENT_ID, AuthorizationServerClients.GATEWAY_CLIENT_SECRET, "",
					jvm, this.options.tollgateJar(), build, work, false, null);
			SystemSpec soak = Systems.tollgateSoak(work.resolve("admin-token"), this.options.onStoreFailure());
			run.put("system", soak.description());
			int port = Ports.free();
			log("starting the gateway on 127.0.0.1:%d", port);
			try (ManagedProcess gateway = ManagedProcess.start(soak.id(), soak.launcher().command(stage, soak.id(), port),
					work.resolve(soak.id() + ".log"), port, Duration.ofMinutes(3))) {
				String[] bearer = CredentialFiles.header(Credentials.BEARER, tokens.get(0));
				String[] apiKey = CredentialFiles.header(Credentials.API_KEY, keys.get(0));
				List<SoakSample> samples = new ArrayList<>();
				List<RedisRestart> restarts = soak(gateway, redis, wrk, files, bearer, apiKey, adminToken, gcLog,
						samples);
				run.put("loadAverageAtEnd", MachineInfo.loadAverage());
				run.put("gatewayLog", "Redis unreachable lines: " + gateway.logLinesContaining("Redis unreachable")
						+ ", Redis answers again lines: " + gateway.logLinesContaining("Redis answers again")
						+ ", ERROR lines: " + gateway.logLinesContaining(" ERROR "));
				write(run, samples, restarts);
			}
		}
	}

	private List<RedisRestart> soak(ManagedProcess gateway, RedisServer redis, Wrk wrk, CredentialFiles files,
			String[] bearer, String[] apiKey, String adminToken, Path gcLog, List<SoakSample> samples)
			throws Exception {
		FirstAnswer.await(gateway.port(), bearer, Duration.ofMinutes(2));
		FirstAnswer.await(gateway.port(), apiKey, Duration.ofMinutes(2));
		GatewayMemory memory = new GatewayMemory(gateway.port(), gateway.pid(), adminToken, gcLog);
		memory.heapAfterGcSinceLastCall(); // start-up collections are not part of the soak
		Instant start = Instant.now();
		RedisRestarts restarts = new RedisRestarts(redis, gateway, this.options, start, bearer, apiKey);
		Thread restarter = new Thread(restarts, "redis-restarts");
		restarter.start();
		ExecutorService load = Executors.newFixedThreadPool(2);
		try {
			List<Integer> ports = List.of(gateway.port());
			long[] offsets = new long[2];
			int intervals = (int) (this.options.duration().toSeconds() / this.options.sampleEvery().toSeconds());
			for (int i = 1; i <= intervals && gateway.alive(); i++) {
				double from = seconds(start);
				Future<WrkResult> b = load.submit(() -> wrk.run(ports, Stage.PATH,
						files.file(Credentials.BEARER, this.options.clients()), this.options.sampleEvery(), offsets[0]));
				Future<WrkResult> k = load.submit(() -> wrk.run(ports, Stage.PATH,
						files.file(Credentials.API_KEY, this.options.clients()), this.options.sampleEvery(), offsets[1]));
				WrkResult rb = b.get();
				WrkResult rk = k.get();
				offsets[0] += rb.requests();
				offsets[1] += rk.requests();
				SoakSample s = new SoakSample(i, from, seconds(start), rb.statuses(), rk.statuses(), rb.latency().p99(),
						rk.latency().p99(), memory.heapUsedMb(), memory.heapAfterGcSinceLastCall(), memory.rssMb(),
						loadAverage1());
				samples.add(s);
				log("sample %d/%d at %.0f s: 2xx %d, 503 %d, other 5xx %d, timeouts %d; heap %.0f MB, RSS %.0f MB, "
						+ "load %.2f", i, intervals, s.toSeconds(), s.both().ok(), s.both().unavailable(),
						s.both().otherServerErrors(), s.both().timeouts(), s.heapUsedMb(), s.rssMb(), s.loadAverage());
			}
		}
		finally {
			load.shutdownNow();
			restarter.interrupt();
			restarter.join(Duration.ofMinutes(3).toMillis());
		}
		return restarts.done();
	}

	private void write(Map<String, Object> run, List<SoakSample> samples, List<RedisRestart> restarts)
			throws java.io.IOException {
		Path md = this.options.resultsDir().resolve("soak-latest.md");
		Path json = this.options.resultsDir().resolve("soak-latest.json");
		String markdown = SoakReport.markdown(run, samples, restarts);
		Files.writeString(md, markdown, StandardCharsets.UTF_8);
		Files.writeString(json, SoakReport.json(run, samples, restarts), StandardCharsets.UTF_8);
		System.out.println(markdown);
		log("wrote %s and %s", md, json);
	}

	/** A random admin token (the gateway wants at least 24 characters) in a file only this user can read. */
	private static String adminToken(Path file) throws java.io.IOException {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Files.deleteIfExists(file);
		Files.createFile(file, java.nio.file.attribute.PosixFilePermissions
			.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
		Files.writeString(file, token, StandardCharsets.US_ASCII);
		return token;
	}

	/** An empty directory: Redis's append-only file from an earlier run would bring back its keys. */
	private static Path fresh(Path dir) throws java.io.IOException {
		if (Files.exists(dir)) {
			try (var paths = Files.walk(dir)) {
				for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.delete(p);
				}
			}
		}
		return Files.createDirectories(dir);
	}

	private static double loadAverage1() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
		}
		catch (java.io.IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	private static double seconds(Instant start) {
		return Duration.between(start, Instant.now()).toMillis() / 1000.0;
	}

	static void log(String format, Object... args) {
		System.err.println(java.time.LocalTime.now().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"))
				+ " [soak] " + String.format(Locale.ROOT, format, args));
	}

}
