package dev.tollgate.routes;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.config.InvalidConfigurationException;
import dev.tollgate.filters.mcp.McpSettings;
import dev.tollgate.filters.mcp.ToolRule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RouteDeclarationValidatorTests {

	private final RouteDeclarationValidator validator = new RouteDeclarationValidator(new ReferenceCatalog(
			Map.of("corp", "https://idp.example.com"), Set.of("corp-sts"), Set.of("standard")));

	@Test
	void validateWhenCompleteDeclarationThenAccepted() {
		assertThatNoException().isThrownBy(() -> this.validator.validate(List.of(route(r -> {
			r.set("rate-limit", "standard");
			r.set("upstream-token.exchange", "corp-sts");
			r.set("credentials", List.of("bearer", "api-key"));
			r.set("api-keys.phase", "warn");
			r.set("api-keys.sunset", "2027-03-31T00:00:00Z");
		}))));
	}

	@Test
	void validateWhenNoAudienceThenStartupErrorNamesRouteAndProperty() {
		assertThat(problems(route(r -> r.set("audience", null))))
			.containsExactly("route 'orders' (tollgate.routes[0].audience): is required on a route that authenticates");
	}

	@Test
	void validateWhenMethodIsNotAMethodNameThenNamed() {
		assertThat(problems(route(r -> r.set("methods", List.of("GET ", "POST"))))).containsExactly(
				"route 'orders' (tollgate.routes[0].methods): 'GET ' is not an HTTP method name, e.g. GET");
	}

	@Test
	void validateWhenUnknownIssuerThenNamed() {
		assertThat(problems(route(r -> r.set("issuers", List.of("nope"))))).singleElement()
			.asString()
			.startsWith("route 'orders' (tollgate.routes[0].issuers): unknown issuer 'nope'");
	}

	@Test
	void validateWhenUnknownStsThenNamed() {
		assertThat(problems(route(r -> r.set("upstream-token.exchange", "nope")))).singleElement()
			.asString()
			.startsWith("route 'orders' (tollgate.routes[0].upstream-token.exchange): unknown STS profile 'nope'");
	}

	@Test
	void validateWhenUnknownRateLimitPolicyThenNamed() {
		assertThat(problems(route(r -> r.set("rate-limit", "gold")))).singleElement()
			.asString()
			.startsWith("route 'orders' (tollgate.routes[0].rate-limit): unknown policy 'gold'");
	}

	@Test
	void validateWhenMalformedSunsetThenNamed() {
		assertThat(problems(route(r -> {
			r.set("credentials", List.of("api-key"));
			r.set("api-keys.sunset", "next tuesday");
		}))).singleElement().asString().startsWith("route 'orders' (tollgate.routes[0].api-keys.sunset)");
	}

	@Test
	void validateWhenMalformedBrownoutWindowThenNamed() {
		assertThat(problems(route(r -> {
			r.set("credentials", List.of("api-key"));
			r.set("api-keys.phase", "brownout");
			r.set("api-keys.brownouts", List.of("2027-01-15T10:00:00Z/sometimes"));
		}))).singleElement().asString().startsWith("route 'orders' (tollgate.routes[0].api-keys.brownouts)");
	}

	@Test
	void validateWhenScopesButNoCredentialThenRejected() {
		assertThat(problems(route(r -> r.set("credentials", List.of())))).singleElement()
			.asString()
			.isEqualTo("route 'orders' (tollgate.routes[0].scopes): are set but the route accepts no credential");
	}

	@Test
	void validateWhenForwardCredentialsOnAuthenticatingRouteThenRejected() {
		assertThat(problems(route(r -> r.set("forward-credentials", true)))).singleElement()
			.asString()
			.startsWith("route 'orders' (tollgate.routes[0].forward-credentials): is for public routes only");
	}

	@Test
	void validateWhenForwardCredentialsOnPublicRouteThenAccepted() {
		assertThatNoException().isThrownBy(() -> this.validator.validate(List.of(route(r -> {
			r.set("credentials", List.of());
			r.set("scopes", List.of());
			r.set("forward-credentials", true);
		}))));
	}

	@Test
	void validateWhenUnknownCredentialOrPhaseThenRejected() {
		assertThat(problems(route(r -> {
			r.set("credentials", List.of("bearer", "password"));
			r.set("api-keys.phase", "later");
		}))).anyMatch(p -> p.contains("credentials): unknown credential type 'password'"))
			.anyMatch(p -> p.contains("api-keys.phase): must be one of"));
	}

	@Test
	void validateWhenDuplicateIdThenSecondNamed() {
		assertThat(problems(route(r -> {
		}), route(r -> {
		}))).containsExactly("route 'orders' (tollgate.routes[1].id): is declared twice");
	}

	@Test
	void validateWhenUpstreamNotAbsoluteThenRejected() {
		assertThat(problems(route(r -> r.set("upstream", "orders.internal")))).singleElement()
			.asString()
			.contains("(tollgate.routes[0].upstream): must be an absolute http, https or lb URI");
	}

	@Test
	void validateWhenBearerButNoIssuersConfiguredThenRejected() {
		RouteDeclarationValidator noIssuers = new RouteDeclarationValidator(
				new ReferenceCatalog(Map.of(), Set.of(), Set.of()));

		assertThat(catchThrowableOfType(InvalidConfigurationException.class,
				() -> noIssuers.validate(List.of(route(r -> {
				})))).problems())
			.containsExactly("route 'orders' (tollgate.routes[0].credentials): accepts bearer tokens, but no "
					+ "tollgate.issuers are configured");
	}

	@Test
	void validateWhenMcpToolsDeclaredThenBoundWithDefaultsAndAccepted() {
		RouteDeclaration route = route(r -> {
			r.set("mcp.tools[0].name", "search_orders");
			r.set("mcp.tools[0].scopes", List.of("orders:read"));
			r.set("mcp.tools[1].name", "refund_*");
			r.set("mcp.tools[1].rate-limit", "standard");
			r.set("mcp.unknown-tools", "route-scopes");
			r.set("mcp.denial", "json-rpc");
		});

		assertThatNoException().isThrownBy(() -> this.validator.validate(List.of(route)));
		McpSettings mcp = route.mcp();
		assertThat(mcp.tools()).extracting(ToolRule::name).containsExactly("search_orders", "refund_*");
		assertThat(mcp.unknownTools()).isEqualTo(McpSettings.UnknownTools.ROUTE_SCOPES);
		assertThat(mcp.denial()).isEqualTo(McpSettings.Denial.JSON_RPC);
		assertThat(mcp.maxBodySize().toMegabytes()).isEqualTo(1);
		assertThat(mcp.maxDepth()).isEqualTo(64);
		assertThat(mcp.sessions().bind()).isTrue();
		assertThat(mcp.sessions().ttl()).hasHours(24);
	}

	@Test
	void validateWhenNoMcpSectionThenPlainRoute() {
		assertThat(route(r -> { }).mcp()).isNull();
	}

	@Test
	void validateWhenMcpToolRulesWrongThenEachNamed() {
		assertThat(problems(route(r -> {
			r.set("mcp.tools[0].name", "a");
			r.set("mcp.tools[0].rate-limit", "gold");
			r.set("mcp.tools[1].name", "a");
			r.set("mcp.tools[2].scopes", List.of("x"));
			r.set("mcp.tools[2].rate-limit-cost", 0);
		}))).containsExactly(
				"route 'orders' (tollgate.routes[0].mcp.tools[0].rate-limit): unknown policy 'gold' (known: [standard])",
				"route 'orders' (tollgate.routes[0].mcp.tools[1].name): 'a' is declared twice",
				"route 'orders' (tollgate.routes[0].mcp.tools[2].name): is required: a tool name or a glob such as refund_*",
				"route 'orders' (tollgate.routes[0].mcp.tools[2].rate-limit-cost): must be at least 1");
	}

	@Test
	void validateWhenToolPolicyDoesNotCompileThenProblemNamesRouteToolPropertyAndPosition() {
		assertThat(problems(route(r -> {
			r.set("mcp.tools[0].name", "refund_order");
			r.set("mcp.tools[0].policy", "tool.arguments.amount < 100 && tool.argumnts.order != ''");
			r.set("mcp.tools[1].name", "search_orders");
			r.set("mcp.tools[1].policy", "tool.name == 'search_orders'");
			r.set("mcp.tools[1].policy-mode", "audit");
		}))).containsExactly(
				"route 'orders' (tollgate.routes[0].mcp.tools[0].policy): line 1, column 32: undeclared reference to "
						+ "'tool'",
				"route 'orders' (tollgate.routes[0].mcp.tools[1].policy-mode): must be enforce or shadow, was 'audit'");
	}

	@Test
	void validateWhenToolPolicyReadsToolAndCallerThenAccepted() {
		RouteDeclaration route = route(r -> {
			r.set("mcp.tools[0].name", "refund_*");
			r.set("mcp.tools[0].policy", "caller.claims.tenant == tool.arguments.tenant && tool.name != 'refund_all'");
			r.set("mcp.tools[0].policy-mode", "shadow");
		});

		assertThatNoException().isThrownBy(() -> this.validator.validate(List.of(route)));
		assertThat(route.mcp().tools().get(0).policyMode()).isEqualTo("shadow");
	}

	@Test
	void validateWhenMcpOnPublicRouteThenRejected() {
		assertThat(problems(route(r -> {
			r.set("credentials", List.of());
			r.set("scopes", List.of());
			r.set("mcp.unknown-tools", "deny");
		}))).containsExactly("route 'orders' (tollgate.routes[0].mcp): needs credentials: per-tool rules and session "
				+ "binding need an authenticated caller");
	}

	@Test
	void validateWhenSeveralProblemsThenAllReportedInOneMessage() {
		InvalidConfigurationException ex = catchThrowableOfType(InvalidConfigurationException.class,
				() -> this.validator.validate(List.of(route(r -> {
					r.set("audience", null);
					r.set("path", List.of("orders"));
				}))));

		assertThat(ex.problems()).hasSize(2);
		assertThat(ex.getMessage()).contains("tollgate.routes[0].audience").contains("tollgate.routes[0].path");
	}

	@Test
	void validateWhenBindingRequiredAndApiKeysAcceptedThenStartupErrorNamesRouteAndProperty_rfc9449_7_1() {
		assertThat(problems(route(r -> {
			r.set("binding", "dpop");
			r.set("credentials", List.of("bearer", "api-key"));
		}))).singleElement()
			.asString()
			.startsWith("route 'orders' (tollgate.routes[0].binding): 'dpop' cannot be met by API keys");
	}

	@Test
	void validateWhenBoundRouteExchangesWithoutBoundTokensChoiceThenNamed() {
		assertThat(problems(route(r -> {
			r.set("binding", "dpop");
			r.set("upstream-token.exchange", "corp-sts");
		}))).singleElement()
			.asString()
			.startsWith("route 'orders' (tollgate.routes[0].upstream-token.bound-tokens): is required");
	}

	@Test
	void validateWhenBoundRouteExchangesAndChoosesMintThenAccepted() {
		this.validator.validate(List.of(route(r -> {
			r.set("binding", "dpop");
			r.set("upstream-token.exchange", "corp-sts");
			r.set("upstream-token.bound-tokens", "mint");
		})));
	}

	@Test
	void validateWhenUnknownBindingThenNamed() {
		assertThat(problems(route(r -> r.set("binding", "tls")))).singleElement()
			.asString()
			.startsWith("route 'orders' (tollgate.routes[0].binding): unknown binding 'tls'");
	}

	@Test
	void validateWhenEachKnownBindingOnBearerRouteThenAccepted() {
		for (String binding : List.of("none", "dpop", "mtls", "any-bound")) {
			this.validator.validate(List.of(route(r -> r.set("binding", binding))));
		}
	}

	@Test
	void toDefinitionWhenBindingAnyBoundThenTollgateArgument() {
		RouteDeclaration route = route(r -> r.set("binding", "any-bound"));

		assertThat(DeclaredRouteDefinitions.toDefinition(route).getFilters().get(0).getArgs())
			.containsEntry("binding", "ANY_BOUND");
		assertThat(DeclaredRouteDefinitions.toDefinition(route(r -> { })).getFilters().get(0).getArgs())
			.doesNotContainKey("binding");
	}

	private List<String> problems(RouteDeclaration... routes) {
		return catchThrowableOfType(InvalidConfigurationException.class,
				() -> this.validator.validate(List.of(routes)))
			.problems();
	}

	/** The route {@code orders}, authenticated, as each test starts from; the customizer changes one thing. */
	static RouteDeclaration route(Consumer<TestRoute> customizer) {
		TestRoute route = new TestRoute().set("id", "orders")
			.set("path", List.of("/orders/**"))
			.set("upstream", "http://orders.internal:8080")
			.set("audience", "https://gw.example.com/orders")
			.set("scopes", List.of("orders:read"));
		customizer.accept(route);
		return route.bind();
	}

	@Test
	void validateWhenInlinePolicyDoesNotCompileThenProblemNamesRoutePropertyAndPosition() {
		assertThat(problems(route(r -> r.set("policy", "caller.client_id == 'a' && caller.tenant == 'b'"))))
			.singleElement()
			.asString()
			.startsWith("route 'orders' (tollgate.routes[0].policy): line 1, column 28: undeclared reference to 'caller'");
	}

	@Test
	void validateWhenPolicyIsAnUnknownNameThenProblemSaysSo() {
		assertThat(problems(route(r -> r.set("policy", "same-tenat")))).singleElement()
			.asString()
			.startsWith("route 'orders' (tollgate.routes[0].policy): 'same-tenat' is neither a shared policy");
	}

	@Test
	void validateWhenPolicyModeIsUnknownThenNamed() {
		assertThat(problems(route(r -> {
			r.set("policy", "true");
			r.set("policy-mode", "audit");
		}))).containsExactly(
				"route 'orders' (tollgate.routes[0].policy-mode): must be enforce or shadow, was 'audit'");
	}

	@Test
	void validateWhenSharedPolicyIsNamedThenAccepted() {
		RouteDeclarationValidator withPolicies = new RouteDeclarationValidator(
				new ReferenceCatalog(Map.of("corp", "https://idp.example.com"), Set.of(), Set.of()),
				new dev.tollgate.filters.policy.PolicyProperties(Map.of("same-tenant",
						new dev.tollgate.filters.policy.PolicyProperties.SharedPolicy(
								"caller.claims.tenant == request.path_vars.tenant", "enforce", null)),
						dev.tollgate.filters.policy.PolicyProperties.Settings.defaults()));
		assertThatNoException().isThrownBy(
				() -> withPolicies.validate(List.of(route(r -> r.set("policy", "same-tenant")))));
	}

}
