package dev.tollgate.perf.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.tollgate.perf.load.credentials.CredentialFiles;
import dev.tollgate.perf.load.credentials.DpopProofs;
import dev.tollgate.perf.load.process.ManagedProcess;
import dev.tollgate.perf.load.process.MeasuredRecording;
import dev.tollgate.perf.load.process.Ports;
import dev.tollgate.perf.load.process.RedisServer;
import dev.tollgate.perf.load.report.Measurement;
import dev.tollgate.perf.load.systems.Stage;
import dev.tollgate.perf.load.systems.SystemSpec;
import dev.tollgate.perf.load.wrk.Wrk;
import dev.tollgate.perf.load.wrk.WrkResult;

/**
 * One system through every client count: start its instance(s), check one request answers 200, then per client
 * count warm up (until every client was seen at least twice per instance, so caches are warm) and measure, reading
 * the CPU of the gateway, upstream and Redis processes before and after.
 */
final class SystemRun {

	/** Warm-up rounds at most, whatever the client count. */
	private static final int MAX_WARMUP_ROUNDS = 6;

	/** Warm-up rounds at least right after a system started (JIT compilation of a fresh JVM). */
	private static final int FIRST_WARMUP_ROUNDS = 3;

	/**
	 * Warm-up rounds at most while the JIT compiler is still busy. On a gateway pinned to one core the compiler thread
	 * takes a quarter of it for well over a minute after start; a window measured then charges a system for its
	 * compilation, and a bigger application compiles longer (stop 23: bare settled at about 80 s, the Tollgate chain
	 * after 90 s).
	 */
	private static final int MAX_COMPILING_WARMUP_ROUNDS = 15;

	/** The compiler's share of the gateway's CPU in a warm-up round below which the JIT counts as settled. */
	private static final double JIT_SETTLED_SHARE = 0.03;

	/** Requests a warm-up needs at least, so the JIT has compiled the hot paths before anything is measured. */
	private static final long MIN_WARMUP_REQUESTS = 20_000;

	private final SystemSpec system;

	private final Stage stage;

	private final Wrk wrk;

	private final CredentialFiles files;

	private final String[] smokeHeader;

	private final HarnessOptions options;

	private final ManagedProcess upstream;

	private final RedisServer redis;

	private final java.util.function.Consumer<String> notes;

	/** The DPoP callers of a {@code DPOP} system, whose every request needs a proof of its own; else {@code null}. */
	private final DpopProofs dpop;

	SystemRun(SystemSpec system, Stage stage, Wrk wrk, CredentialFiles files, String[] smokeHeader,
			HarnessOptions options, ManagedProcess upstream, RedisServer redis,
			java.util.function.Consumer<String> notes) {
		this(system, stage, wrk, files, smokeHeader, options, upstream, redis, notes, null);
	}

	SystemRun(SystemSpec system, Stage stage, Wrk wrk, CredentialFiles files, String[] smokeHeader,
			HarnessOptions options, ManagedProcess upstream, RedisServer redis,
			java.util.function.Consumer<String> notes, DpopProofs dpop) {
		this.dpop = dpop;
		this.notes = notes;
		this.system = system;
		this.stage = stage;
		this.wrk = wrk;
		this.files = files;
		this.smokeHeader = smokeHeader;
		this.options = options;
		this.upstream = upstream;
		this.redis = redis;
	}

	List<Measurement> measureAll() {
		int instances = Math.max(1, this.system.instances());
		if (this.smokeHeader == null) {
			return failedAll(instances, "no " + this.system.credentials() + " credentials in this build");
		}
		List<ManagedProcess> gateways = new ArrayList<>();
		try {
			List<Integer> ports = new ArrayList<>();
			if (this.system.direct()) {
				ports.add(this.upstream.port());
			}
			else {
				for (int i = 0; i < this.system.instances(); i++) {
					String name = this.system.id() + ((this.system.instances() > 1) ? "-" + (i + 1) : "");
					int port = Ports.free();
					LoadHarness.log("starting %s on 127.0.0.1:%d", name, port);
					gateways.add(ManagedProcess.start(name,
							this.stage.gatewayCommand(this.system.launcher().command(this.stage, name, port)),
							this.stage.workDir().resolve(name + ".log"), port, Duration.ofMinutes(3)));
					ports.add(port);
				}
			}
			for (int port : ports) {
				String smoke = smoke(port);
				if (smoke == null) {
					smoke = checkForwardedCredential();
				}
				if (smoke != null) {
					return failedAll(instances, smoke);
				}
			}
			List<Measurement> results = new ArrayList<>();
			boolean first = true;
			for (int clients : this.options.clients()) {
				results.add(measure(clients, ports, gateways, first));
				first = false;
			}
			return results;
		}
		catch (Exception ex) {
			LoadHarness.log("%s failed: %s", this.system.id(), ex.getMessage());
			return failedAll(instances, firstLine(ex.getMessage()));
		}
		finally {
			gateways.forEach(ManagedProcess::close);
		}
	}

	private Measurement measure(int clients, List<Integer> ports, List<ManagedProcess> gateways, boolean first) {
		var credentials = this.files.file(this.system.credentials(), clients);
		if (this.dpop != null) {
			// Single-use proofs: signed afresh for every system run, enough for the warm-up and the measurement.
			long t0 = System.nanoTime();
			int requests = dpopRequests();
			this.dpop.write(credentials, clients, requests);
			LoadHarness.log("%s, %d clients: signed %,d DPoP proofs in %.1f s", this.system.id(), clients, requests,
					(System.nanoTime() - t0) / 1e9);
		}
		long warmed = 0;
		long warmupErrors = 0;
		long needed = Math.max(MIN_WARMUP_REQUESTS, 2L * clients * ports.size());
		// A fresh JVM needs longer than a warm one: the first client count gets at least FIRST_WARMUP_ROUNDS rounds.
		int minRounds = first ? FIRST_WARMUP_ROUNDS : 1;
		// Where each wrk thread continues in its share of the file: past every line an earlier run took.
		long offset = 0;
		// DPoP proofs are single-use and signed for FIRST_WARMUP_ROUNDS: that system is not warmed longer.
		boolean compiling = !gateways.isEmpty() && this.dpop == null;
		int round = 0;
		while ((round < MAX_WARMUP_ROUNDS && (round < minRounds || warmed < needed))
				|| (compiling && round < MAX_COMPILING_WARMUP_ROUNDS)) {
			double cpu0 = cpu(gateways);
			double jit0 = compilerCpu(gateways);
			// Each round continues the rotation where the last stopped, so every client is reached.
			WrkResult w = this.wrk.run(ports, Stage.PATH, credentials, this.options.warmup(), offset, bodyFile());
			offset += w.linesPerThread();
			warmed += w.requests();
			warmupErrors += w.errors();
			compiling = compiling && !settled(compilerCpu(gateways) - jit0, cpu(gateways) - cpu0);
			round++;
		}
		if (warmed < needed) {
			LoadHarness.log("%s, %d clients: warm-up saw only %d requests (wanted %d)", this.system.id(), clients,
					warmed, needed);
		}
		if (compiling) {
			LoadHarness.log("%s, %d clients: the JIT compiler was still busy after %d warm-up rounds", this.system.id(),
					clients, round);
		}
		// The window's recording is written (dumped) after the CPU is read, so writing it is not counted.
		MeasuredRecording recording = (this.options.jfr() && !gateways.isEmpty())
				? MeasuredRecording.begin(gateways, this.stage.workDir(), clients) : null;
		long fallbacks0 = fallbacks(gateways);
		double gatewayCpu0 = cpu(gateways);
		double jitCpu0 = compilerCpu(gateways);
		double upstreamCpu0 = this.upstream.cpuSeconds();
		double redisCpu0 = this.redis.cpuSeconds();
		WrkResult r = this.wrk.run(ports, Stage.PATH, credentials, this.options.duration(), offset, bodyFile());
		double gatewayCpu = cpu(gateways) - gatewayCpu0;
		double jitCpu = compilerCpu(gateways) - jitCpu0;
		double upstreamCpu = this.upstream.cpuSeconds() - upstreamCpu0;
		double redisCpu = this.redis.cpuSeconds() - redisCpu0;
		if (recording != null) {
			recording.close();
		}
		if (!gateways.isEmpty() && !settled(jitCpu, gatewayCpu)) {
			this.notes.accept(String.format(java.util.Locale.ROOT,
					"%s, %d clients: the JIT compiler took %.0f%% of the gateway's CPU in the measured window (%d warm-up "
							+ "rounds); its CPU per request includes that", this.system.id(), clients,
					100 * jitCpu / gatewayCpu, round));
		}
		long fallbacks = fallbacks(gateways) - fallbacks0;
		if (fallbacks > 0) {
			this.notes.accept(String.format(java.util.Locale.ROOT,
					"%s, %d clients: %,d decisions fell back during the measurement (outcome=\"fallback\" in the %s logs, "
							+ "e.g. a rate-limit decision taken locally because Redis answered later than the store timeout)",
					this.system.id(), clients, fallbacks, this.system.id()));
		}
		Measurement m = new Measurement(this.system.id(), clients, Math.max(1, this.system.instances()), r.requests(),
				r.seconds(), r.latency(), r.errors(), gateways.isEmpty() ? Double.NaN : gatewayCpu, upstreamCpu,
				redisCpu, null);
		LoadHarness.log("%s, %d clients: %.0f req/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, %d errors "
				+ "(warm-up %d requests, %d errors)", m.system(), clients, m.throughput(), m.latency().p50(),
				m.latency().p99(), m.latency().p999(), m.errors(), warmed, warmupErrors);
		return m;
	}

	/** The system's request body as a file in the work dir, for wrk; {@code null} for a {@code GET} system. */
	private java.nio.file.Path bodyFile() {
		if (this.system.jsonBody() == null) {
			return null;
		}
		java.nio.file.Path file = this.stage.workDir().resolve(this.system.id() + "-body.json");
		try {
			java.nio.file.Files.writeString(file, this.system.jsonBody());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return file;
	}

	/**
	 * Proofs for a DPoP run: the first client count's three warm-up runs and the measurement at up to 5,000 requests
	 * a second in all, spread over the wrk threads (each walks its own share of the file). A faster gateway runs out:
	 * its replays show as errors in the row, never as throughput.
	 */
	private int dpopRequests() {
		long seconds = FIRST_WARMUP_ROUNDS * this.options.warmup().toSeconds() + this.options.duration().toSeconds();
		return (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_WARMUP_REQUESTS, 5_000L * seconds));
	}

	/** Tollgate logs every fallback decision (never the allowed ones) with {@code outcome="fallback"}. */
	private static long fallbacks(List<ManagedProcess> gateways) {
		return gateways.stream().mapToLong(g -> g.logLinesContaining("outcome=\"fallback\"")).sum();
	}

	/** Whether compiling took at most {@link #JIT_SETTLED_SHARE} of a window's CPU (unreadable counts as settled). */
	static boolean settled(double compilerCpu, double processCpu) {
		return Double.isNaN(compilerCpu) || Double.isNaN(processCpu) || compilerCpu <= JIT_SETTLED_SHARE * processCpu;
	}

	private static double compilerCpu(List<ManagedProcess> gateways) {
		return gateways.stream().mapToDouble(ManagedProcess::compilerCpuSeconds).sum();
	}

	private static double cpu(List<ManagedProcess> gateways) {
		return gateways.stream().mapToDouble(ManagedProcess::cpuSeconds).sum();
	}

	/**
	 * One request with the first client's credential until it answers 200 (the gateway may still be fetching keys
	 * when its port opens); {@code null} when it did, else why not.
	 */
	private String smoke(int port) throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		Instant deadline = Instant.now().plusSeconds(120);
		String last = "no answer";
		while (Instant.now().isBefore(deadline)) {
			try {
				HttpRequest.Builder request = HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + port + Stage.PATH))
					.timeout(Duration.ofSeconds(10));
				// A DPoP caller sends a new proof with every attempt: a retried proof would be refused as a replay.
				String[] headers = (this.dpop != null) ? this.dpop.smokeHeaders() : this.smokeHeader;
				for (int h = 0; h + 1 < headers.length; h += 2) {
					request.header(headers[h], headers[h + 1]);
				}
				if (this.system.jsonBody() != null) {
					request.header("Content-Type", "application/json")
						.header("Accept", "application/json, text/event-stream")
						.POST(HttpRequest.BodyPublishers.ofString(this.system.jsonBody()));
				}
				HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return null;
				}
				String body = response.body();
				last = "smoke request answered " + response.statusCode() + " "
						+ response.headers().firstValue("WWW-Authenticate").orElse("") + " "
						+ body.substring(0, Math.min(200, body.length())).replaceAll("\\s+", " ");
			}
			catch (IOException ex) {
				last = "smoke request failed: " + ex;
			}
			Thread.sleep(500);
		}
		LoadHarness.log("%s: %s", this.system.id(), last);
		return last;
	}

	/**
	 * Asks the upstream what the smoke request brought: the caller's own credential for a pass-through system,
	 * anything else must be a token made for the upstream. Records which (issuer, audience) it carried.
	 */
	private String checkForwardedCredential() throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		String forwarded = http.send(HttpRequest
			.newBuilder(URI.create(this.stage.upstreamUri() + FastUpstream.LAST_AUTHORIZATION_PATH))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString()).body();
		boolean own = forwarded.equals(this.smokeHeader[1]);
		if (this.system.forwardsCallerCredential() != own) {
			return own ? "the upstream received the caller's own credential"
					: "the upstream did not receive the caller's credential";
		}
		this.notes.accept(this.system.id() + ": the upstream received " + ForwardedToken.describe(forwarded));
		return null;
	}

	private List<Measurement> failedAll(int instances, String why) {
		return this.options.clients()
			.stream()
			.map(c -> Measurement.failed(this.system.id(), c, instances, why))
			.toList();
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "failed";
		}
		int nl = message.indexOf('\n');
		return (nl < 0) ? message : message.substring(0, nl);
	}

}
