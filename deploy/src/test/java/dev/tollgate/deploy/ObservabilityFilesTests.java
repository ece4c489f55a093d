package dev.tollgate.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.tollgate.deploy.Repository.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard and the alert rules of {@code deploy/observability}: promtool checks the rules and runs
 * their unit tests (skipped, with a message, without promtool; {@code .ci/run} installs Debian's
 * {@code prometheus}); the rest needs no tool. Whether each metric name exists is checked against a running gateway
 * by {@code ObservabilityMetricNamesTests} in gateway-app.
 */
class ObservabilityFilesTests {

	static final String PROMETHEUS = "deploy/observability/prometheus";

	static final Map<String, Object> rules = Repository.yaml(Repository.read(PROMETHEUS + "/tollgate-alerts.yml"));

	static final JsonNode dashboard = JsonMapper.builder().build()
		.readTree(Repository.read("deploy/observability/grafana/tollgate-dashboard.json"));

	@Test
	void alertRulesWhenCheckedByPromtoolThenValid() {
		ExternalTool promtool = promtool();
		String output = promtool.run(Repository.file(PROMETHEUS), "check", "rules", "tollgate-alerts.yml").stdout();
		assertThat(output).contains("SUCCESS: " + alerts().size() + " rules found");
	}

	@Test
	void alertRulesWhenUnitTestedByPromtoolThenEveryCasePasses() {
		ExternalTool promtool = promtool();
		ExternalTool.Result result = promtool.run(Repository.file(PROMETHEUS), "test", "rules",
				"tollgate-alerts-test.yml");
		assertThat(result.stdout() + result.stderr()).contains("SUCCESS");
	}

	@Test
	void alertRulesWhenReadThenEachHasSeveritySummaryDescriptionAndAUnitTest() {
		Map<String, Object> tests = Repository.yaml(Repository.read(PROMETHEUS + "/tollgate-alerts-test.yml"));
		Set<String> tested = new TreeSet<>();
		for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
			for (Map<String, Object> alertTest : (List<Map<String, Object>>) test.get("alert_rule_test")) {
				if (!((List<?>) alertTest.get("exp_alerts")).isEmpty()) {
					tested.add((String) alertTest.get("alertname"));
				}
			}
		}
		assertThat(alerts()).isNotEmpty().allSatisfy((rule) -> {
			assertThat((String) at(rule, "labels", "severity")).isIn("critical", "warning", "info");
			assertThat((String) at(rule, "annotations", "summary")).isNotBlank();
			assertThat((String) at(rule, "annotations", "description")).isNotBlank();
			assertThat(tested).as("alerts with a firing unit test").contains((String) rule.get("alert"));
		});
		assertThat(alerts()).extracting((r) -> r.get("alert")).contains("TollgateJwksStale",
				"TollgateRateLimitStoreFallback", "TollgateAuthenticationRejectionsRising",
				"TollgateApiKeyBrownoutTraffic", "TollgateHigh5xxRatio");
	}

	@Test
	void dashboardWhenReadThenCoversTheIssuesTopicsThroughTheDatasourceVariable() {
		assertThat(dashboard.path("uid").asString()).isEqualTo("tollgate-overview");
		List<JsonNode> panels = dashboard.path("panels").values().stream()
			.filter((p) -> !"row".equals(p.path("type").asString())).toList();
		assertThat(panels).allSatisfy((panel) -> {
			assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
			assertThat(panel.path("targets").values().stream().map((t) -> t.path("expr").asString()).toList())
				.isNotEmpty().allSatisfy((expr) -> assertThat(expr).isNotBlank());
		});
		String expressions = String.join("\n", dashboard.findValuesAsString("expr"));
		assertThat(expressions).contains("tollgate_decisions_total", "tollgate_ratelimit_fallback_total",
				"tollgate_jwks_age_seconds", "tollgate_exchange_requests_total{", "cache=\"hit\"",
				"tollgate_apikeys_decisions_total", "phase", "histogram_quantile");
		assertThat(dashboard.path("templating").path("list").findValuesAsString("name")).contains("datasource",
				"route");
	}

	private static List<Map<String, Object>> alerts() {
		return ((List<Map<String, Object>>) rules.get("groups")).stream()
			.flatMap((g) -> ((List<Map<String, Object>>) g.get("rules")).stream()).toList();
	}

	private static ExternalTool promtool() {
		return ExternalTool.require("promtool", "PROMTOOL",
				"Install Debian's prometheus package (apt-get install prometheus) to check the alert rules.");
	}

}
