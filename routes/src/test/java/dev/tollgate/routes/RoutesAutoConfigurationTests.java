package dev.tollgate.routes;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import dev.tollgate.filters.config.TollgateFiltersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class RoutesAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TollgateFiltersAutoConfiguration.class, RoutesAutoConfiguration.class))
		.withPropertyValues("tollgate.issuers[0].name=corp", "tollgate.issuers[0].issuer-uri=https://idp.example.com",
				"tollgate.sts.corp-sts.token-uri=https://idp.example.com/token",
				"tollgate.rate-limit.policies.standard.limits[0]=100/1m", "tollgate.routes[0].id=orders",
				"tollgate.routes[0].path=/orders/**", "tollgate.routes[0].upstream=http://127.0.0.1:9",
				"tollgate.routes[0].audience=https://gw.example.com/orders");

	@Test
	void contextWhenRoutesValidThenRouteDefinitionsServed() {
		this.runner.withPropertyValues("tollgate.routes[0].rate-limit=standard",
				"tollgate.routes[0].upstream-token.exchange=corp-sts")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DeclaredRouteDefinitions.class).getRouteDefinitions().collectList().block())
					.singleElement()
					.satisfies(definition -> assertThat(definition.getId()).isEqualTo("orders"));
			});
	}

	@Test
	void contextWhenRouteRefersToUnknownNamesThenStartupFailsNamingRouteAndProperties() {
		this.runner.withPropertyValues("tollgate.routes[0].rate-limit=gold", "tollgate.routes[0].issuers=other",
				"tollgate.routes[0].upstream-token.exchange=nope")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidRouteDeclarationException.class)
					.hasMessageContaining("route 'orders' (tollgate.routes[0].rate-limit): unknown policy 'gold'")
					.hasMessageContaining("route 'orders' (tollgate.routes[0].issuers): unknown issuer 'other'")
					.hasMessageContaining(
							"route 'orders' (tollgate.routes[0].upstream-token.exchange): unknown STS profile 'nope'");
			});
	}

	@Test
	void contextWhenRouteHasNoAudienceThenStartupFails() {
		this.runner.withPropertyValues("tollgate.routes[0].audience=")
			.run(context -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("route 'orders' (tollgate.routes[0].audience): is required"));
	}

	@Test
	void analyzeWhenInvalidDeclarationThenDescriptionIsTheProblemList() {
		InvalidRouteDeclarationException ex = new InvalidRouteDeclarationException(
				java.util.List.of("route 'a' (tollgate.routes[0].audience): is required on a route that authenticates"));

		assertThat(new InvalidRouteDeclarationFailureAnalyzer().analyze(ex).getDescription())
			.contains("tollgate.routes[0].audience");
	}

}
