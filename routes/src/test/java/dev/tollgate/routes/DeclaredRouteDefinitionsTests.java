package dev.tollgate.routes;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;

import static org.assertj.core.api.Assertions.assertThat;

class DeclaredRouteDefinitionsTests {

	@Test
	void toDefinitionWhenAuthenticatedRouteThenOneTollgateFilterBeforeStripPrefix() {
		RouteDefinition definition = DeclaredRouteDefinitions.toDefinition(RouteDeclarationValidatorTests.route(r -> {
			r.setRateLimit("standard");
			r.setCredentials(List.of("bearer", "api-key"));
			r.setStripPrefix(1);
			r.getUpstreamToken().setExchange("corp");
		}));

		assertThat(definition.getFilters()).extracting(FilterDefinition::getName)
			.containsExactly("Tollgate", "StripPrefix");
		assertThat(definition.getFilters().get(0).getArgs()).containsEntry("audience", "https://gw.example.com/orders")
			.containsEntry("credentials[0]", "BEARER")
			.containsEntry("credentials[1]", "API_KEY")
			.containsEntry("resourcePath", "/orders")
			.containsEntry("rateLimit", "standard")
			.containsEntry("exchange", "corp");
	}

	@Test
	void toDefinitionWhenRouteSetsNoCostThenPolicyCostApplies() {
		RouteDefinition definition = DeclaredRouteDefinitions.toDefinition(RouteDeclarationValidatorTests.route(r -> {
			r.setRateLimit("heavy");
		}));

		// No cost argument: the rate-limit stage falls back to tollgate.rate-limit.policies.heavy.cost.
		assertThat(tollgateArgs(definition)).containsEntry("rateLimit", "heavy").doesNotContainKey("rateLimitCost");
	}

	@Test
	void toDefinitionWhenRouteSetsCostThenItOverridesThePolicyCost() {
		RouteDefinition definition = DeclaredRouteDefinitions.toDefinition(RouteDeclarationValidatorTests.route(r -> {
			r.setRateLimit("heavy");
			r.setRateLimitCost(3);
		}));

		assertThat(tollgateArgs(definition)).containsEntry("rateLimit", "heavy").containsEntry("rateLimitCost", "3");
	}

	private static java.util.Map<String, String> tollgateArgs(RouteDefinition definition) {
		return definition.getFilters().stream().filter(f -> f.getName().equals("Tollgate")).findFirst()
			.orElseThrow().getArgs();
	}

	@Test
	void toDefinitionWhenPublicRouteThenTollgateFilterWithoutCredentials() {
		RouteDefinition definition = DeclaredRouteDefinitions.toDefinition(RouteDeclarationValidatorTests.route(r -> {
			r.setCredentials(List.of());
			r.setScopes(List.of());
		}));

		assertThat(definition.getFilters()).extracting(FilterDefinition::getName).containsExactly("Tollgate");
		assertThat(tollgateArgs(definition)).doesNotContainKeys("credentials[0]", "audience", "forwardCredentials");
	}

	@Test
	void toDefinitionWhenPublicRouteForwardsCredentialsThenForwardCredentialsArgument() {
		RouteDefinition definition = DeclaredRouteDefinitions.toDefinition(RouteDeclarationValidatorTests.route(r -> {
			r.setCredentials(List.of());
			r.setScopes(List.of());
			r.setForwardCredentials(true);
		}));

		assertThat(tollgateArgs(definition)).containsEntry("forwardCredentials", "true");
	}

	@Test
	void resourcePathWhenPatternHasWildcardsThenPrefixBeforeThem() {
		assertThat(DeclaredRouteDefinitions.resourcePath(RouteDeclarationValidatorTests.route(r -> r.setPath(List.of(
				"/tools/{name}/**"))))).isEqualTo("/tools");
	}

}
