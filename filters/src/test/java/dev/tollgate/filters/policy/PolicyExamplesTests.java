package dev.tollgate.filters.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.Pass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The five examples of docs/policies.md, each run through the policy stage with a request it allows and one it
 * denies. The expressions here are the documented ones: {@link #examplesWhenDocumentedThenTheSameExpressions}
 * fails when the page and these drift apart.
 */
class PolicyExamplesTests {

	static final String TENANT_ISOLATION = "caller.claims.tenant == request.path_vars.tenant";

	static final String BUSINESS_HOURS = "now.getDayOfWeek('Europe/Berlin') in [1, 2, 3, 4, 5] "
			+ "&& now.getHours('Europe/Berlin') >= 8 && now.getHours('Europe/Berlin') < 18";

	static final String REGION_ALLOWLIST = "has(caller.claims.region) && caller.claims.region in env.regions";

	static final String READ_ONLY_KEY = "caller.kind != 'api-key' || request.method in ['GET', 'HEAD']";

	static final String BREAK_GLASS = "(caller.client_id in env.breakGlassClients "
			+ "&& request.headers['x-incident'].matches('^INC-[0-9]+$')) "
			+ "|| caller.claims.tenant == request.path_vars.tenant";

	private static final PolicyProperties.Settings SETTINGS = new PolicyProperties.Settings(Map.of(),
			Map.of("regions", List.of("eu-west-1", "eu-central-1"), "breakGlassClients", List.of("sre-oncall")),
			Map.of(), 1000, 4096, 500);

	/** Wednesday 2026-12-09, 10:30 in Berlin (09:30 UTC). */
	private static final Instant WEDNESDAY_MORNING = Instant.parse("2026-12-09T09:30:00Z");

	private static boolean allows(String expression, Instant now, CallerIdentity caller,
			MockServerHttpRequest request, Map<String, String> pathVariables) {
		PolicyFixture fixture = new PolicyFixture(Map.of(), SETTINGS, now);
		Pass pass = PolicyFixture.pass(caller, request, pathVariables);
		return catchThrowableOfType(CallerFault.class,
				() -> fixture.stage(expression, null, Map.of()).apply(pass)) == null;
	}

	private static boolean allows(String expression, CallerIdentity caller, MockServerHttpRequest request,
			Map<String, String> pathVariables) {
		return allows(expression, WEDNESDAY_MORNING, caller, request, pathVariables);
	}

	private static MockServerHttpRequest orders(String tenant) {
		return MockServerHttpRequest.get("/tenants/" + tenant + "/orders").build();
	}

	@Test
	void tenantIsolationWhenClaimEqualsPathVariableThenAllowedElseDenied() {
		CallerIdentity acme = PolicyFixture.bearer("agent", Map.of("tenant", "acme"));
		assertThat(allows(TENANT_ISOLATION, acme, orders("acme"), Map.of("tenant", "acme"))).isTrue();
		assertThat(allows(TENANT_ISOLATION, acme, orders("globex"), Map.of("tenant", "globex"))).isFalse();
		// No tenant claim at all: the evaluation fails, which denies.
		assertThat(allows(TENANT_ISOLATION, PolicyFixture.bearer("agent", Map.of()), orders("acme"),
				Map.of("tenant", "acme"))).isFalse();
	}

	@Test
	void businessHoursWhenInsideTheWindowThenAllowedElseDenied() {
		CallerIdentity agent = PolicyFixture.bearer("agent", Map.of());
		MockServerHttpRequest request = MockServerHttpRequest.get("/orders").build();
		assertThat(allows(BUSINESS_HOURS, WEDNESDAY_MORNING, agent, request, Map.of())).isTrue();
		// 18:30 in Berlin on the same Wednesday, and Saturday morning.
		assertThat(allows(BUSINESS_HOURS, Instant.parse("2026-12-09T17:30:00Z"), agent, request, Map.of())).isFalse();
		assertThat(allows(BUSINESS_HOURS, Instant.parse("2026-12-12T09:30:00Z"), agent, request, Map.of())).isFalse();
	}

	@Test
	void regionAllowlistWhenRegionClaimListedThenAllowedElseDenied() {
		MockServerHttpRequest request = MockServerHttpRequest.get("/orders").build();
		assertThat(allows(REGION_ALLOWLIST, PolicyFixture.bearer("agent", Map.of("region", "eu-west-1")), request,
				Map.of())).isTrue();
		assertThat(allows(REGION_ALLOWLIST, PolicyFixture.bearer("agent", Map.of("region", "us-east-1")), request,
				Map.of())).isFalse();
		assertThat(allows(REGION_ALLOWLIST, PolicyFixture.bearer("agent", Map.of()), request, Map.of())).isFalse();
	}

	@Test
	void readOnlyKeyWhenApiKeyWritesThenDeniedWhileReadsAndBearerWritesPass() {
		CallerIdentity key = PolicyFixture.apiKey("billing-bot", "7Hq2mZkP0aLx", Set.of("orders:read"));
		assertThat(allows(READ_ONLY_KEY, key, MockServerHttpRequest.get("/orders/1").build(), Map.of())).isTrue();
		assertThat(allows(READ_ONLY_KEY, key, MockServerHttpRequest.post("/orders").build(), Map.of())).isFalse();
		assertThat(allows(READ_ONLY_KEY, PolicyFixture.bearer("agent", Map.of()),
				MockServerHttpRequest.post("/orders").build(), Map.of())).isTrue();
	}

	@Test
	void breakGlassWhenOnCallClientNamesAnIncidentThenAnyTenantElseOwnTenantOnly() {
		CallerIdentity oncall = PolicyFixture.bearer("sre-oncall", Map.of());
		MockServerHttpRequest withIncident = MockServerHttpRequest.get("/tenants/globex/orders")
			.header("X-Incident", "INC-4711")
			.build();
		assertThat(allows(BREAK_GLASS, oncall, withIncident, Map.of("tenant", "globex"))).isTrue();
		assertThat(allows(BREAK_GLASS, oncall, orders("globex"), Map.of("tenant", "globex"))).isFalse();
		CallerIdentity other = PolicyFixture.bearer("agent", Map.of("tenant", "acme"));
		assertThat(allows(BREAK_GLASS, other, MockServerHttpRequest.get("/tenants/globex/orders")
			.header("X-Incident", "INC-4711")
			.build(), Map.of("tenant", "globex"))).isFalse();
		assertThat(allows(BREAK_GLASS, other, orders("acme"), Map.of("tenant", "acme"))).isTrue();
	}

	@Test
	void examplesWhenDocumentedThenTheSameExpressions() throws IOException {
		String page = Files.readString(Path.of("../docs/policies.md"));
		for (String expression : List.of(TENANT_ISOLATION, BUSINESS_HOURS, REGION_ALLOWLIST, READ_ONLY_KEY,
				BREAK_GLASS)) {
			assertThat(page).as("docs/policies.md shows %s", expression).contains(expression);
		}
	}

}
