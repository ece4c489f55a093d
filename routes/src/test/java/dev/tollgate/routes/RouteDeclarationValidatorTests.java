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
			r.setRateLimit("standard");
			r.getUpstreamToken().setExchange("corp-sts");
			r.setCredentials(List.of("bearer", "api-key"));
			r.getApiKeys().setPhase("warn");
			r.getApiKeys().setSunset("2027-03-31T00:00:00Z");
		}))));
	}

	@Test
	void validateWhenNoAudienceThenStartupErrorNamesRouteAndProperty() {
		assertThat(problems(route(r -> r.setAudience(null))))
			.containsExactly("route 'orders' (tollgate.routes[0].audience): is required on a route that authenticates");
	}

	@Test
	void validateWhenMethodIsNotAMethodNameThenNamed() {
		assertThat(problems(route(r -> r.setMethods(List.of("GET ", "POST"))))).containsExactly(
				"route 'orders' (tollgate.routes[0].methods): 'GET ' is not an HTTP method name, e.g. GET");
	}

	@Test
	void validateWhenUnknownIssuerThenNamed() {
		assertThat(problems(route(r -> r.setIssuers(List.of("nope"))))).singleElement()
			.asString()
			.startsWith("route 'orders' (tollgate.routes[0].issuers): unknown issuer 'nope'");
	}

	@Test
	void validateWhenUnknownStsThenNamed() {
		assertThat(problems(route(r -> r.getUpstreamToken().setExchange("nope")))).singleElement()
			.asString()
			.startsWith("route 'orders' (tollgate.routes[0].upstream-token.exchange): unknown STS profile 'nope'");
	}

	@Test
	void validateWhenUnknownRateLimitPolicyThenNamed() {
		assertThat(problems(route(r -> r.setRateLimit("gold")))).singleElement()
			.asString()
			.startsWith("route 'orders' (tollgate.routes[0].rate-limit): unknown policy 'gold'");
	}

	@Test
	void validateWhenMalformedSunsetThenNamed() {
		assertThat(problems(route(r -> {
			r.setCredentials(List.of("api-key"));
			r.getApiKeys().setSunset("next tuesday");
		}))).singleElement().asString().startsWith("route 'orders' (tollgate.routes[0].api-keys.sunset)");
	}

	@Test
	void validateWhenMalformedBrownoutWindowThenNamed() {
		assertThat(problems(route(r -> {
			r.setCredentials(List.of("api-key"));
			r.getApiKeys().setPhase("brownout");
			r.getApiKeys().setBrownouts(List.of("2027-01-15T10:00:00Z/sometimes"));
		}))).singleElement().asString().startsWith("route 'orders' (tollgate.routes[0].api-keys.brownouts)");
	}

	@Test
	void validateWhenScopesButNoCredentialThenRejected() {
		assertThat(problems(route(r -> r.setCredentials(List.of())))).singleElement()
			.asString()
			.isEqualTo("route 'orders' (tollgate.routes[0].scopes): are set but the route accepts no credential");
	}

	@Test
	void validateWhenForwardCredentialsOnAuthenticatingRouteThenRejected() {
		assertThat(problems(route(r -> r.setForwardCredentials(true)))).singleElement()
			.asString()
			.startsWith("route 'orders' (tollgate.routes[0].forward-credentials): is for public routes only");
	}

	@Test
	void validateWhenForwardCredentialsOnPublicRouteThenAccepted() {
		assertThatNoException().isThrownBy(() -> this.validator.validate(List.of(route(r -> {
			r.setCredentials(List.of());
			r.setScopes(List.of());
			r.setForwardCredentials(true);
		}))));
	}

	@Test
	void validateWhenUnknownCredentialOrPhaseThenRejected() {
		assertThat(problems(route(r -> {
			r.setCredentials(List.of("bearer", "password"));
			r.getApiKeys().setPhase("later");
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
		assertThat(problems(route(r -> r.setUpstream("orders.internal")))).singleElement()
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
					r.setAudience(null);
					r.setPath(List.of("orders"));
				}))));

		assertThat(ex.problems()).hasSize(2);
		assertThat(ex.getMessage()).contains("tollgate.routes[0].audience").contains("tollgate.routes[0].path");
	}

	private List<String> problems(RouteDeclaration... routes) {
		return catchThrowableOfType(InvalidConfigurationException.class,
				() -> this.validator.validate(List.of(routes)))
			.problems();
	}

	static RouteDeclaration route(Consumer<RouteDeclaration> customizer) {
		RouteDeclaration route = new RouteDeclaration();
		route.setId("orders");
		route.setPath(List.of("/orders/**"));
		route.setUpstream("http://orders.internal:8080");
		route.setAudience("https://gw.example.com/orders");
		route.setScopes(List.of("orders:read"));
		customizer.accept(route);
		return route;
	}

}
