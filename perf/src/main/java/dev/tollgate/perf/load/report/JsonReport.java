package dev.tollgate.perf.load.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The machine-readable result ({@code perf/results/latest.json}), stable in shape so runs can be compared across
 * commits. Values that do not apply (a ratio without reference, CPU of a process that does not exist) are
 * {@code null}, never {@code NaN}, which JSON cannot carry.
 */
public final class JsonReport {

	/** Bumped when a field changes meaning or is removed. */
	public static final int SCHEMA_VERSION = 1;

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private JsonReport() {
	}

	public static String render(RunInfo info, List<Comparison> rows) {
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("schema", SCHEMA_VERSION);
		doc.put("startedAt", info.startedAt());
		doc.put("git", Map.of("commit", info.gitCommit(), "dirty", info.gitDirty()));
		doc.put("machine", new java.util.TreeMap<>(info.machine()));
		doc.put("settings", new java.util.TreeMap<>(info.settings()));
		doc.put("systems", new java.util.TreeMap<>(info.systems()));
		doc.put("notes", info.notes());
		List<Object> results = new ArrayList<>();
		rows.forEach(c -> results.add(result(c)));
		doc.put("results", results);
		return JSON.writeValueAsString(doc);
	}

	static Map<String, Object> result(Comparison c) {
		Measurement m = c.measurement();
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("system", m.system());
		r.put("clients", m.clients());
		r.put("instances", m.instances());
		r.put("ok", m.ok());
		if (!m.ok()) {
			r.put("failure", m.failure());
			return r;
		}
		r.put("requests", m.requests());
		r.put("seconds", round(m.seconds(), 3));
		r.put("throughput", round(m.throughput(), 1));
		r.put("errors", m.errors());
		Map<String, Object> latency = new LinkedHashMap<>();
		latency.put("p50", round(m.latency().p50(), 3));
		latency.put("p90", round(m.latency().p90(), 3));
		latency.put("p99", round(m.latency().p99(), 3));
		latency.put("p99_9", round(m.latency().p999(), 3));
		latency.put("max", round(m.latency().max(), 3));
		r.put("latencyMs", latency);
		Map<String, Object> cpu = new LinkedHashMap<>();
		cpu.put("gatewaySecondsPer1k", round(m.gatewayCpuPer1k(), 4));
		cpu.put("upstreamSecondsPer1k", round(m.upstreamCpuPer1k(), 4));
		cpu.put("redisSecondsPer1k", round(m.redisCpuPer1k(), 4));
		r.put("cpu", cpu);
		Map<String, Object> ratios = new LinkedHashMap<>();
		ratios.put("throughputVsBare", round(c.throughputVsBare(), 4));
		ratios.put("throughputVsDirect", round(c.throughputVsDirect(), 4));
		ratios.put("throughputVsSpringBuiltins", round(c.throughputVsSpring(), 4));
		ratios.put("p99MinusBareMs", round(c.p99MinusBareMs(), 3));
		r.put("ratios", ratios);
		return r;
	}

	/** Rounded to {@code decimals}; {@code null} for NaN or infinity. */
	static Double round(double value, int decimals) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return null;
		}
		double scale = Math.pow(10, decimals);
		return Math.round(value * scale) / scale;
	}

}
