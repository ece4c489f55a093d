package dev.tollgate.routes;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.route.RouteDefinition;

import static org.assertj.core.api.Assertions.assertThat;

class MethodGuardRoutesTests {

	@Test
	void definitionsWhenGetOnlyRouteBeforeCatchAllThenGuardSitsBetweenThem() {
		List<RouteDefinition> definitions = new DeclaredRouteDefinitions(List.of(route("secret", "/api/**", "get"),
				route("public", "/**"))).getRouteDefinitions().collectList().block();

		assertThat(definitions).extracting(RouteDefinition::getId).containsExactly("secret", "secret#405", "public");
		RouteDefinition guard = definitions.get(1);
		assertThat(guard.getPredicates().get(0).getArgs()).containsEntry("patterns[0]", "/api/**");
		assertThat(guard.getPredicates().get(1).getName()).isEqualTo("MethodNotIn");
		assertThat(guard.getPredicates().get(1).getArgs()).containsValues("GET", "HEAD").hasSize(2);
		assertThat(guard.getFilters().get(0).getArgs()).containsEntry("route", "secret")
			.containsEntry("allow[0]", "GET")
			.containsEntry("allow[1]", "HEAD");
		assertThat(definitions.get(0).getPredicates().get(1).getArgs()).containsValues("GET", "HEAD");
	}

	@Test
	void definitionsWhenTwoRoutesShareAPathWithDifferentMethodsThenOneGuardAllowingBoth() {
		List<RouteDefinition> definitions = new DeclaredRouteDefinitions(List.of(route("read", "/items/**", "GET"),
				route("public", "/**"), route("write", "/items/**", "POST", "DELETE")))
			.getRouteDefinitions()
			.collectList()
			.block();

		assertThat(definitions).extracting(RouteDefinition::getId)
			.containsExactly("read", "read#405", "public", "write");
		assertThat(definitions.get(1).getFilters().get(0).getArgs()).containsEntry("allow[0]", "GET")
			.containsEntry("allow[1]", "HEAD")
			.containsEntry("allow[2]", "POST")
			.containsEntry("allow[3]", "DELETE");
	}

	@Test
	void definitionsWhenAnotherRouteOnThePathAcceptsEveryMethodThenNoGuard() {
		List<RouteDefinition> definitions = new DeclaredRouteDefinitions(
				List.of(route("read", "/items/**", "GET"), route("all", "/items/**"), route("public", "/**")))
			.getRouteDefinitions()
			.collectList()
			.block();

		assertThat(definitions).extracting(RouteDefinition::getId).containsExactly("read", "all", "public");
	}

	private static RouteDeclaration route(String id, String path, String... methods) {
		return RouteDeclarationValidatorTests.route(r -> {
			r.set("id", id);
			r.set("path", List.of(path));
			r.set("methods", List.of(methods));
		});
	}

}
