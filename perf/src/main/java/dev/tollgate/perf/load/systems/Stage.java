package dev.tollgate.perf.load.systems;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tollgate.perf.load.process.CpuPinning;
import dev.tollgate.perf.load.process.MeasuredRecording;

/**
 * What is already running when a system starts, and what every system shares: the upstream, Redis, the
 * authorization server, the JVM settings.
 *
 * @param upstreamPort port of the fast upstream on 127.0.0.1
 * @param redisUrl the shared Redis
 * @param issuerUri issuer of the client tokens (the in-process Spring Authorization Server)
 * @param jwksUri its JWK Set
 * @param tokenUri its token endpoint (token exchange for the gateways)
 * @param gatewayClientId the gateways' own client at the authorization server (token-exchange grant)
 * @param gatewayClientSecret its secret
 * @param classpath the harness's classpath, which the baseline gateways run from
 * @param jvmOptions options of every gateway JVM
 * @param tollgateJar the packaged Tollgate gateway
 * @param tollgate what the packaged gateway contains
 * @param workDir logs and generated configs
 * @param jfr record flight recordings of the gateways
 * @param pinning the cpus gateways run on, or {@code null} for no pinning
 */
public record Stage(int upstreamPort, String redisUrl, String issuerUri, String jwksUri, String tokenUri,
		String gatewayClientId, String gatewayClientSecret, String classpath, List<String> jvmOptions, Path tollgateJar,
		TollgateBuild tollgate, Path workDir, boolean jfr, CpuPinning pinning) {

	/** The path wrk requests; every gateway routes {@code /api/**} to the upstream. */
	public static final String PATH = "/api/orders";

	/** Audience the client tokens carry and every gateway requires. */
	public static final String AUDIENCE = "https://gateway.perf/orders";

	/** Scope the route requires. */
	public static final String SCOPE = "orders:read";

	/** Audience of the token the upstream receives (exchanged or minted). */
	public static final String UPSTREAM_AUDIENCE = "orders-api";

	/** A gateway's command line, on the gateway's cpus when pinned. */
	public List<String> gatewayCommand(List<String> command) {
		return (this.pinning != null) ? this.pinning.gatewayCommand(command) : command;
	}

	public String upstreamUri() {
		return "http://127.0.0.1:" + this.upstreamPort;
	}

	/** JVM options for one gateway process, ready for a flight recording when asked for. */
	public List<String> jvmOptionsFor(String processName) {
		if (!this.jfr) {
			return this.jvmOptions;
		}
		List<String> options = new ArrayList<>(this.jvmOptions);
		// Deep reactive stacks: the default 64 frames would cut off the frames that say what a sample belongs to.
		options.add("-XX:FlightRecorderOptions:stackdepth=256");
		// Recorded from the start; only the measured windows are dumped (MeasuredRecording).
		options.add(MeasuredRecording.JVM_OPTION);
		return options;
	}

}
