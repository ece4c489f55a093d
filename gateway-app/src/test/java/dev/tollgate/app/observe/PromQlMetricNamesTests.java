package dev.tollgate.app.observe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlMetricNamesTests {

	@Test
	void inWhenAggregationWithMatchersRangesAndGroupingThenOnlyMetricNames() {
		assertThat(PromQlMetricNames.in(
				"sum by (route, reason) (rate(tollgate_decisions_total{stage=\"authenticate\", outcome!=\"allowed\"}[10m]))"
						+ " > 3 * sum by (route) (rate(tollgate_decisions_total[1h] offset 10m)) and on(route) up > bool 0"))
			.containsExactly("tollgate_decisions_total", "up");
	}

	@Test
	void inWhenHistogramQuantileAndGrafanaIntervalThenBucketName() {
		assertThat(PromQlMetricNames.in(
				"histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{route=~\"$route\"}[$__rate_interval])))"))
			.containsExactly("http_server_requests_seconds_bucket");
	}

	@Test
	void inWhenNanComparisonThenTheGauge() {
		assertThat(PromQlMetricNames.in("tollgate_jwks_age_seconds != tollgate_jwks_age_seconds"))
			.containsExactly("tollgate_jwks_age_seconds");
	}

	@Test
	void inWhenGrafanaLabelValuesThenTheMetricNotTheLabel() {
		assertThat(PromQlMetricNames.in("label_values(tollgate_decisions_total, route)"))
			.containsExactly("tollgate_decisions_total");
	}

}
