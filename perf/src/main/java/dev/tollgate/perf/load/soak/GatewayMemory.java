package dev.tollgate.perf.load.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's memory, read without disturbing it (no {@code System.gc()}): heap used from its actuator
 * ({@code jvm.memory.used}, area heap, with the admin token), resident set size from {@code /proc/<pid>/status},
 * and the heap left after each garbage collection from its GC log ({@code -Xlog:gc}).
 */
final class GatewayMemory {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** {@code ... Pause Young (Normal) (G1 Evacuation Pause) 52M->12M(512M) 3.123ms}: heap before, after, size. */
	private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	private final long pid;

	private final String adminToken;

	private final Path gcLog;

	private int gcLinesRead;

	GatewayMemory(int port, long pid, String adminToken, Path gcLog) {
		this.port = port;
		this.pid = pid;
		this.adminToken = adminToken;
		this.gcLog = gcLog;
	}

	/** Heap used in MB as the gateway's actuator reports it; {@code NaN} when it does not answer. */
	double heapUsedMb() {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
				.header("Authorization", "Bearer " + this.adminToken)
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? metricValue(response.body()) / (1024 * 1024) : Double.NaN;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Double.NaN;
		}
	}

	/** Resident set size in MB; {@code NaN} when the process is gone. */
	double rssMb() {
		try {
			return vmRssKb(Files.readString(Path.of("/proc", Long.toString(this.pid), "status"))) / 1024.0;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	/** Heap after each collection logged since the last call, in MB, in log order. */
	List<Integer> heapAfterGcSinceLastCall() {
		try {
			List<String> lines = Files.readAllLines(this.gcLog, StandardCharsets.UTF_8);
			List<String> fresh = lines.subList(Math.min(this.gcLinesRead, lines.size()), lines.size());
			this.gcLinesRead = lines.size();
			return heapAfterGc(fresh);
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	/** The first {@code VALUE} of an actuator metric response. */
	static double metricValue(String json) {
		Map<?, ?> doc = JSON.readValue(json, Map.class);
		List<?> measurements = (List<?>) doc.get("measurements");
		return ((Number) ((Map<?, ?>) measurements.get(0)).get("value")).doubleValue();
	}

	/** {@code VmRSS:   123456 kB} of a {@code /proc/<pid>/status} text. */
	static long vmRssKb(String status) {
		for (String line : status.split("\\R")) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.substring(6).replace("kB", "").trim());
			}
		}
		throw new IllegalArgumentException("no VmRSS line");
	}

	static List<Integer> heapAfterGc(List<String> gcLogLines) {
		return gcLogLines.stream()
			.map(GC_LINE::matcher)
			.filter(Matcher::find)
			.map(m -> Integer.parseInt(m.group(2)))
			.toList();
	}

}
