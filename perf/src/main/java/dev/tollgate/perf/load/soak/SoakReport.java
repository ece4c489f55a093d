package dev.tollgate.perf.load.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.tollgate.perf.load.wrk.StatusCounts;

/**
 * {@code soak-latest.md} and {@code soak-latest.json}: the figures first, then every restart and every sample.
 * JSON carries {@code null} where a figure could not be read (JSON has no NaN).
 */
final class SoakReport {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private SoakReport() {
	}

	static String markdown(Map<String, Object> run, List<SoakSample> samples, List<RedisRestart> restarts) {
		SoakFigures f = SoakFigures.of(samples, restarts);
		StringBuilder md = new StringBuilder("# Tollgate soak run\n\n");
		run.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
		md.append("\n## Figures\n\n| figure | value |\n|---|---|\n");
		row(md, "RSS first / last", fmt("%.0f / %.0f MB", f.rssFirstMb(), f.rssLastMb()));
		row(md, "RSS slope, last 20 min", fmt("%+.1f MB per 10 min", f.rssSlopeMbPer10Min()));
		row(md, "heap after GC (GC log), last 20 min: min / max of each interval's lowest",
				fmt("%.0f / %.0f MB", f.heapAfterGcMinMb(), f.heapAfterGcMaxMb()));
		row(md, "heap after GC slope, last 20 min", fmt("%+.1f MB per 10 min", f.heapAfterGcSlopeMbPer10Min()));
		row(md, "heap used at the low points (actuator, local minima): min / max",
				fmt("%.0f / %.0f MB", f.heapLowPointsMinMb(), f.heapLowPointsMaxMb()));
		StatusCounts t = f.total();
		row(md, "answers: 2xx / 429 / 503 / other 5xx / other", fmt("%d / %d / %d / %d / %d", t.ok(), t.tooMany(),
				t.unavailable(), t.otherServerErrors(), t.other()));
		row(md, "503 during outages (policy) / outside outages",
				fmt("%d / %d", f.unavailableInOutages(), f.unavailableOutsideOutages()));
		row(md, "timeouts (hangs) / socket errors", fmt("%d / %d", t.timeouts(), t.socketErrors()));
		row(md, "non-policy failures (other 5xx, 503 outside outages, timeouts, socket errors)",
				Long.toString(f.nonPolicyFailures()));
		row(md, "restarts recovered without a gateway restart", f.restartsRecovered() + " of " + restarts.size());
		md.append("\n## Redis restarts (seconds since start)\n\n| # | stopped | listening again | gateway: unreachable "
				+ "logged | gateway: answers again logged | first 2xx bearer | first 2xx API key | time to 2xx after "
				+ "listening (bearer / key) | after \"answers again\" | same gateway |\n|---|---|---|---|---|---|---|---|---|---|\n");
		for (RedisRestart r : restarts) {
			md.append(fmt("| %d | %.1f | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f / %.2f s | %.2f s | %s |\n", r.index(),
					r.stoppedAt(), r.startedAt(), r.unreachableLoggedAt(), r.answersAgainLoggedAt(), r.firstBearer2xx(),
					r.firstApiKey2xx(), r.firstBearer2xx() - r.startedAt(), r.firstApiKey2xx() - r.startedAt(),
					r.outageEnd() - r.answersAgainLoggedAt(), r.gatewaySameProcess() ? "yes" : "NO"));
		}
		md.append("\n## Samples\n\n| # | until (s) | bearer 2xx/429/503/5xx/other/timeout | API key 2xx/429/503/5xx/other/"
				+ "timeout | p99 bearer / key (ms) | heap used (MB) | heap after GC, lowest (MB, GCs) | RSS (MB) | "
				+ "load avg |\n|---|---|---|---|---|---|---|---|---|\n");
		for (SoakSample s : samples) {
			md.append(fmt("| %d | %.0f | %s | %s | %.1f / %.1f | %.0f | %.0f (%d) | %.0f | %.2f |\n", s.index(),
					s.toSeconds(), counts(s.bearer()), counts(s.apiKey()), s.bearerP99Ms(), s.apiKeyP99Ms(),
					s.heapUsedMb(), s.lowestHeapAfterGcMb(), s.heapAfterGcMb().size(), s.rssMb(), s.loadAverage()));
		}
		return md.toString();
	}

	static String json(Map<String, Object> run, List<SoakSample> samples, List<RedisRestart> restarts) {
		SoakFigures f = SoakFigures.of(samples, restarts);
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("rssFirstMb", num(f.rssFirstMb()));
		figures.put("rssLastMb", num(f.rssLastMb()));
		figures.put("rssSlopeMbPer10MinLast20Min", num(f.rssSlopeMbPer10Min()));
		figures.put("heapAfterGcMinMbLast20Min", num(f.heapAfterGcMinMb()));
		figures.put("heapAfterGcMaxMbLast20Min", num(f.heapAfterGcMaxMb()));
		figures.put("heapAfterGcSlopeMbPer10MinLast20Min", num(f.heapAfterGcSlopeMbPer10Min()));
		figures.put("heapLowPointsMinMb", num(f.heapLowPointsMinMb()));
		figures.put("heapLowPointsMaxMb", num(f.heapLowPointsMaxMb()));
		figures.put("answers", f.total());
		figures.put("unavailableInOutages", f.unavailableInOutages());
		figures.put("unavailableOutsideOutages", f.unavailableOutsideOutages());
		figures.put("nonPolicyFailures", f.nonPolicyFailures());
		figures.put("restartsRecovered", f.restartsRecovered());
		List<Object> rs = new ArrayList<>();
		for (RedisRestart r : restarts) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("index", r.index());
			m.put("stoppedAt", num(r.stoppedAt()));
			m.put("startedAt", num(r.startedAt()));
			m.put("unreachableLoggedAt", num(r.unreachableLoggedAt()));
			m.put("answersAgainLoggedAt", num(r.answersAgainLoggedAt()));
			m.put("firstBearer2xx", num(r.firstBearer2xx()));
			m.put("firstApiKey2xx", num(r.firstApiKey2xx()));
			m.put("gatewaySameProcess", r.gatewaySameProcess());
			rs.add(m);
		}
		List<Object> ss = new ArrayList<>();
		for (SoakSample s : samples) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("index", s.index());
			m.put("fromSeconds", s.fromSeconds());
			m.put("toSeconds", s.toSeconds());
			m.put("bearer", s.bearer());
			m.put("apiKey", s.apiKey());
			m.put("bearerP99Ms", num(s.bearerP99Ms()));
			m.put("apiKeyP99Ms", num(s.apiKeyP99Ms()));
			m.put("heapUsedMb", num(s.heapUsedMb()));
			m.put("heapAfterGcMb", s.heapAfterGcMb());
			m.put("rssMb", num(s.rssMb()));
			m.put("loadAverage", num(s.loadAverage()));
			ss.add(m);
		}
		Map<String, Object> doc = new LinkedHashMap<>(run);
		doc.put("figures", figures);
		doc.put("restarts", rs);
		doc.put("samples", ss);
		return JSON.writeValueAsString(doc);
	}

	private static String counts(StatusCounts c) {
		return c.ok() + "/" + c.tooMany() + "/" + c.unavailable() + "/" + c.otherServerErrors() + "/" + c.other() + "/"
				+ c.timeouts() + ((c.socketErrors() > 0) ? " (+" + c.socketErrors() + " socket)" : "");
	}

	private static void row(StringBuilder md, String name, String value) {
		md.append("| ").append(name).append(" | ").append(value).append(" |\n");
	}

	private static String fmt(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

	private static Object num(double v) {
		return (Double.isNaN(v) || Double.isInfinite(v)) ? null : Math.round(v * 100) / 100.0;
	}

}
