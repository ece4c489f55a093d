package dev.tollgate.routes;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;

import static org.assertj.core.api.Assertions.assertThat;

class DeclaredRouteDefinitionsTests {

	@Test
	void toDefinitionWhenAuthenticatedRouteThenPipelineFiltersInOrder() {
		RouteDefinition definition = DeclaredRouteDefinitions.toDefinition(RouteDeclarationValidatorTests.route(r -> {
			r.setRateLimit("standard");
			r.setCredentials(List.of("bearer", "api-key"));
			r.setStripPrefix(1);
		}));

		assertThat(definition.getFilters()).extracting(FilterDefinition::getName)
			.containsExactly("StripHeaders", "Authenticate", "Authorize", "ClientRateLimit", "UpstreamToken",
					"StripPrefix");
		assertThat(definition.getFilters().get(1).getArgs()).containsEntry("audience", "https://gw.example.com/orders")
			.containsEntry("credentials[0]", "BEARER")
			.containsEntry("credentials[1]", "API_KEY")
			.containsEntry("resourcePath", "/orders");
	}

	@Test
	void toDefinitionWhenRouteSetsNoCostThenPolicyCostApplies() {
		RouteDefinition definition = DeclaredRouteDefinitions.toDefinition(RouteDeclarationValidatorTests.route(r -> {
			r.setRateLimit("heavy");
		}));

		// No cost argument: ClientRateLimit falls back to tollgate.rate-limit.policies.heavy.cost.
		assertThat(rateLimitArgs(definition)).containsOnlyKeys("policy").containsEntry("policy", "heavy");
	}

	@Test
	void toDefinitionWhenRouteSetsCostThenItOverridesThePolicyCost() {
		RouteDefinition definition = DeclaredRouteDefinitions.toDefinition(RouteDeclarationValidatorTests.route(r -> {
			r.setRateLimit("heavy");
			r.setRateLimitCost(3);
		}));

		assertThat(rateLimitArgs(definition)).containsEntry("policy", "heavy").containsEntry("cost", "3");
	}

	private static java.util.Map<String, String> rateLimitArgs(RouteDefinition definition) {
		return definition.getFilters().stream().filter(f -> f.getName().equals("ClientRateLimit")).findFirst()
			.orElseThrow().getArgs();
	}

	@Test
	void toDefinitionWhenPublicRouteThenOnlyHeaderStripping() {
		RouteDefinition definition = DeclaredRouteDefinitions.toDefinition(RouteDeclarationValidatorTests.route(r -> {
			r.setCredentials(List.of());
			r.setScopes(List.of());
		}));

		assertThat(definition.getFilters()).extracting(FilterDefinition::getName).containsExactly("StripHeaders");
	}

	@Test
	void toDefinitionWhenPublicRouteForwardsCredentialsThenForwardCredentialsFilter() {
		RouteDefinition definition = DeclaredRouteDefinitions.toDefinition(RouteDeclarationValidatorTests.route(r -> {
			r.setCredentials(List.of());
			r.setScopes(List.of());
			r.setForwardCredentials(true);
		}));

		assertThat(definition.getFilters()).extracting(FilterDefinition::getName)
			.containsExactly("StripHeaders", "ForwardCredentials");
	}

	@Test
	void resourcePathWhenPatternHasWildcardsThenPrefixBeforeThem() {
		assertThat(DeclaredRouteDefinitions.resourcePath(RouteDeclarationValidatorTests.route(r -> r.setPath(List.of(
				"/tools/{name}/**"))))).isEqualTo("/tools");
	}

}
