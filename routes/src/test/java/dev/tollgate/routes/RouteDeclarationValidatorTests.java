package dev.tollgate.routes;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.config.InvalidConfigurationException;

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
	void validateWhenSeveralProblemsThenAllReportedInOneMessage() {
		InvalidConfigurationException ex = catchThrowableOfType(InvalidConfigurationException.class,
				() -> this.validator.validate(List.of(route(r -> {
					r.set("audience", null);
					r.set("path", List.of("orders"));
				}))));

		assertThat(ex.problems()).hasSize(2);
		assertThat(ex.getMessage()).contains("tollgate.routes[0].audience").contains("tollgate.routes[0].path");
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
