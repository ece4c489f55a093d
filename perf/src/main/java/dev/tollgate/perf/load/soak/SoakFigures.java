package dev.tollgate.perf.load.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import dev.tollgate.perf.load.wrk.StatusCounts;

/**
 * The figures a soak run is judged by, computed from its samples and restarts.
 *
 * @param rssFirstMb RSS at the first sample
 * @param rssLastMb RSS at the last sample
 * @param rssSlopeMbPer10Min least-squares slope of RSS over the last {@link #TREND_WINDOW_SECONDS}, MB per 10 min
 * @param heapAfterGcMinMb lowest heap after a collection over the trend window
 * @param heapAfterGcMaxMb highest of the per-interval lowest heap after a collection over the trend window
 * @param heapAfterGcSlopeMbPer10Min slope of the per-interval lowest heap after a collection over the trend window
 * @param heapLowPointsMinMb lowest actuator heap-used sample among the local minima (samples lower than both
 * neighbours: just after a collection, as near as sampling gets without forcing one)
 * @param heapLowPointsMaxMb highest of those local minima
 * @param total every answer, both kinds of caller
 * @param unavailableInOutages 503s in intervals that overlap an outage (Redis stopped until both probes got 2xx):
 * the documented policy
 * @param unavailableOutsideOutages 503s in intervals that overlap none: not explained by the policy
 * @param restartsRecovered restarts after which both kinds of caller got a 2xx from the same gateway process
 */
record SoakFigures(double rssFirstMb, double rssLastMb, double rssSlopeMbPer10Min, double heapAfterGcMinMb,
		double heapAfterGcMaxMb, double heapAfterGcSlopeMbPer10Min, double heapLowPointsMinMb, double heapLowPointsMaxMb,
		StatusCounts total, long unavailableInOutages, long unavailableOutsideOutages, int restartsRecovered) {

	/** The trend is read over the last 20 minutes: the first minutes are start-up and JIT, not a leak. */
	static final double TREND_WINDOW_SECONDS = 20 * 60;

	static SoakFigures of(List<SoakSample> samples, List<RedisRestart> restarts) {
		if (samples.isEmpty()) {
			throw new IllegalArgumentException("no samples");
		}
		double end = samples.get(samples.size() - 1).toSeconds();
		List<SoakSample> window = samples.stream().filter(s -> s.toSeconds() >= end - TREND_WINDOW_SECONDS).toList();
		List<SoakSample> withGc = window.stream().filter(s -> !Double.isNaN(s.lowestHeapAfterGcMb())).toList();
		List<Double> lows = lowPoints(samples.stream().map(SoakSample::heapUsedMb).toList());
		StatusCounts total = StatusCounts.NONE;
		long inOutages = 0;
		long outside = 0;
		for (SoakSample s : samples) {
			total = total.plus(s.both());
			boolean outage = restarts.stream()
				.anyMatch(r -> s.overlaps(r.stoppedAt(), Double.isNaN(r.outageEnd()) ? end : r.outageEnd()));
			if (outage) {
				inOutages += s.both().unavailable();
			}
			else {
				outside += s.both().unavailable();
			}
		}
		return new SoakFigures(samples.get(0).rssMb(), samples.get(samples.size() - 1).rssMb(),
				slopePer10Min(window, SoakSample::rssMb), min(withGc, SoakSample::lowestHeapAfterGcMb),
				max(withGc, SoakSample::lowestHeapAfterGcMb), slopePer10Min(withGc, SoakSample::lowestHeapAfterGcMb),
				lows.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
				lows.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), total, inOutages, outside,
				(int) restarts.stream().filter(RedisRestart::recovered).count());
	}

	/** Least-squares slope of {@code y} against each sample's end time, in units per 10 minutes; NaN below 2 points. */
	static double slopePer10Min(List<SoakSample> samples, ToDoubleFunction<SoakSample> y) {
		List<double[]> points = new ArrayList<>();
		for (SoakSample s : samples) {
			double v = y.applyAsDouble(s);
			if (!Double.isNaN(v)) {
				points.add(new double[] { s.toSeconds(), v });
			}
		}
		return slope(points) * 600;
	}

	/** Least-squares slope of (x, y) points; NaN with fewer than two distinct x. */
	static double slope(List<double[]> points) {
		int n = points.size();
		double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
		double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
		double sxy = 0;
		double sxx = 0;
		for (double[] p : points) {
			sxy += (p[0] - mx) * (p[1] - my);
			sxx += (p[0] - mx) * (p[0] - mx);
		}
		return (n < 2 || sxx == 0) ? Double.NaN : sxy / sxx;
	}

	/** Values lower than (or equal to) both neighbours; the first and last count against their one neighbour. */
	static List<Double> lowPoints(List<Double> values) {
		List<Double> lows = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			double v = values.get(i);
			boolean left = i == 0 || v <= values.get(i - 1);
			boolean right = i == values.size() - 1 || v <= values.get(i + 1);
			if (!Double.isNaN(v) && left && right && values.size() > 1) {
				lows.add(v);
			}
		}
		return lows;
	}

	private static double min(List<SoakSample> samples, ToDoubleFunction<SoakSample> f) {
		return samples.stream().mapToDouble(f).min().orElse(Double.NaN);
	}

	private static double max(List<SoakSample> samples, ToDoubleFunction<SoakSample> f) {
		return samples.stream().mapToDouble(f).max().orElse(Double.NaN);
	}

	/** Non-policy failures: 5xx other than 503, 503 outside outages, timeouts (hangs) and socket errors. */
	long nonPolicyFailures() {
		return this.total.otherServerErrors() + this.unavailableOutsideOutages + this.total.timeouts()
				+ this.total.socketErrors();
	}

}
