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
			r.set("rate-limit", "standard");
			r.set("credentials", List.of("bearer", "api-key"));
			r.set("strip-prefix", 1);
			r.set("upstream-token.exchange", "corp");
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
			r.set("rate-limit", "heavy");
		}));

		// No cost argument: the rate-limit stage falls back to tollgate.rate-limit.policies.heavy.cost.
		assertThat(tollgateArgs(definition)).containsEntry("rateLimit", "heavy").doesNotContainKey("rateLimitCost");
	}

	@Test
	void toDefinitionWhenRouteSetsCostThenItOverridesThePolicyCost() {
		RouteDefinition definition = DeclaredRouteDefinitions.toDefinition(RouteDeclarationValidatorTests.route(r -> {
			r.set("rate-limit", "heavy");
			r.set("rate-limit-cost", 3);
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
			r.set("credentials", List.of());
			r.set("scopes", List.of());
		}));

		assertThat(definition.getFilters()).extracting(FilterDefinition::getName).containsExactly("Tollgate");
		assertThat(tollgateArgs(definition)).doesNotContainKeys("credentials[0]", "audience", "forwardCredentials");
	}

	@Test
	void toDefinitionWhenPublicRouteForwardsCredentialsThenForwardCredentialsArgument() {
		RouteDefinition definition = DeclaredRouteDefinitions.toDefinition(RouteDeclarationValidatorTests.route(r -> {
			r.set("credentials", List.of());
			r.set("scopes", List.of());
			r.set("forward-credentials", true);
		}));

		assertThat(tollgateArgs(definition)).containsEntry("forwardCredentials", "true");
	}

	@Test
	void resourcePathWhenPatternHasWildcardsThenPrefixBeforeThem() {
		assertThat(DeclaredRouteDefinitions.resourcePath(RouteDeclarationValidatorTests.route(r -> r.set("path", List.of(
				"/tools/{name}/**"))))).isEqualTo("/tools");
	}

}
