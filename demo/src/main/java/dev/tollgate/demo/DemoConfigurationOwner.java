package dev.tollgate.demo;

import java.util.List;

import dev.tollgate.filters.config.ConfigurationOwner;
import dev.tollgate.filters.config.ConfigurationProblems;

/** The demo module's settings, {@code tollgate.demo.*}: unknown to a gateway built without the demo. */
public final class DemoConfigurationOwner implements ConfigurationOwner {

	@Override
	public List<Class<?>> propertiesClasses() {
		return List.of(DemoProperties.class);
	}

	@Override
	public void validate(Bound bound, ConfigurationProblems problems) {
	}

}
