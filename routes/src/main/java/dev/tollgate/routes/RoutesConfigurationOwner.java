package dev.tollgate.routes;

import java.util.List;

import dev.tollgate.filters.config.ConfigurationOwner;
import dev.tollgate.filters.config.ConfigurationProblems;
import dev.tollgate.filters.policy.PolicyProperties;

/** The routes module's settings: {@code tollgate.routes[]}, checked against the issuers, STS and policies named. */
public final class RoutesConfigurationOwner implements ConfigurationOwner {

	@Override
	public List<Class<?>> propertiesClasses() {
		return List.of(RoutesProperties.class);
	}

	@Override
	public void validate(Bound bound, ConfigurationProblems problems) {
		new RouteDeclarationValidator(ReferenceCatalog.from(bound.environment()), bound.get(PolicyProperties.class))
			.validate(bound.get(RoutesProperties.class).routes(), problems);
	}

}
