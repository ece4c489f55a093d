package dev.tollgate.admin.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyCliTests {

	private static final String CONFIG = """
			tollgate:
			  policy:
			    env-lists:
			      regions: [eu-west-1, eu-central-1]
			  policies:
			    same-tenant:
			      expression: caller.claims.tenant == request.path_vars.tenant
			    eu-only:
			      expression: caller.claims.region in env.regions
			      mode: shadow
			  routes:
			    - id: orders
			      path: /tenants/{tenant}/orders/**
			      policy: same-tenant
			      labels: { tier: internal }
			""";

	private static final String CASES = """
			cases:
			  - name: own tenant
			    caller: { client_id: agent-1, claims: { tenant: acme } }
			    request: { method: GET, path: /tenants/acme/orders, path_vars: { tenant: acme } }
			    expect: allow
			  - name: other tenant
			    caller: { client_id: agent-1, claims: { tenant: acme } }
			    request: { path_vars: { tenant: globex } }
			    expect: deny
			  - name: no tenant claim
			    caller: { client_id: agent-1 }
			    request: { path_vars: { tenant: acme } }
			    expect: deny
			""";

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... args) {
		return PolicyCli.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8),
				Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
	}

	private String file(String name, String content) throws IOException {
		Path path = this.dir.resolve(name);
		Files.writeString(path, content);
		return path.toString();
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void testWhenEveryCaseAsExpectedThenExitZeroAndReasonsPrinted() throws IOException {
		int code = run("policy", "test", "--config", file("application.yml", CONFIG), "--route", "orders", "--cases",
				file("cases.yaml", CASES));
		assertThat(code).as(out() + this.err).isZero();
		assertThat(out()).contains("policy same-tenant (enforce)")
			.contains("PASS own tenant: allow (the expression is true)")
			.contains("PASS other tenant: deny (the expression is false)")
			.contains("PASS no tenant claim: deny (evaluation failed (missing_attribute)")
			.contains("3 evaluated, 0 not as expected");
	}

	@Test
	void testWhenACaseAnswersOtherThanExpectedThenExitOneAndFailNamed() throws IOException {
		int code = run("test", "--config", file("application.yml", CONFIG), "--policy", "same-tenant", "--cases",
				file("cases.yaml", CASES.replace("expect: deny\n  - name: no", "expect: allow\n  - name: no")));
		assertThat(code).isEqualTo(1);
		assertThat(out()).contains("FAIL other tenant: deny (the expression is false); expected allow");
	}

	@Test
	void testWhenInlineExpressionAndJsonCasesThenJsonResult() throws IOException {
		String cases = "[{\"name\": \"eu\", \"caller\": {\"claims\": {\"region\": \"eu-west-1\"}}, \"expect\": \"allow\"}]";
		int code = run("test", "--config", file("application.yml", CONFIG), "--expression",
				"caller.claims.region in env.regions", "--cases", file("cases.json", cases), "--output", "json");
		assertThat(code).isZero();
		assertThat(out()).contains("\"policy\" : \"route.inline\"").contains("\"decision\" : \"allow\"");
	}

	@Test
	void testWhenAuditEventsThenEachReplayedWithTheRecordedResult() throws IOException {
		String audit = String.join("\n",
				"{\"@timestamp\":\"2026-12-07T10:00:00Z\",\"log.level\":\"INFO\",\"message\":\"decision\","
						+ "\"schema\":\"tollgate.audit/1\",\"time\":\"2026-12-07T10:00:00Z\",\"correlation_id\":\"c1\","
						+ "\"route\":\"orders\",\"client_id\":\"agent-1\",\"credential\":\"jwt\","
						+ "\"path_vars\":{\"tenant\":\"acme\"},\"policy_result\":\"allow\"}",
				"a line that is not an audit event",
				"{\"schema\":\"tollgate.audit/1\",\"correlation_id\":\"c2\",\"route\":\"orders\",\"client_id\":\"agent-2\"}");
		int code = run("test", "--config", file("application.yml", CONFIG), "--expression",
				"request.path_vars.tenant == 'acme' && now.getHours('UTC') < 12", "--audit", file("audit.jsonl", audit));
		assertThat(code).isZero();
		assertThat(out()).contains("c1 orders agent-1: allow (the expression is true); recorded allow")
			.contains("c2 orders agent-2: deny (evaluation failed (missing_attribute)")
			.contains("2 evaluated");
	}

	@Test
	void testWhenPolicyDoesNotCompileThenExitOneNamingThePosition() throws IOException {
		int code = run("test", "--expression", "caller.tenant == 'a'", "--cases", file("cases.yaml", CASES));
		assertThat(code).isEqualTo(1);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("line 1, column 1: undeclared reference");
	}

	@Test
	void testWhenNeitherCasesNorAuditThenUsage() {
		assertThat(run("test", "--expression", "true")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("give exactly one of --cases and --audit");
	}

}
