package dev.tollgate.admin;

import java.util.List;

import dev.tollgate.filters.config.ConfigurationOwner;
import dev.tollgate.filters.config.ConfigurationProblems;

/** The admin module's settings, {@code tollgate.admin.*}; the token itself is checked when it is read. */
public final class AdminConfigurationOwner implements ConfigurationOwner {

	@Override
	public List<Class<?>> propertiesClasses() {
		return List.of(AdminProperties.class);
	}

	@Override
	public void validate(Bound bound, ConfigurationProblems problems) {
	}

}
