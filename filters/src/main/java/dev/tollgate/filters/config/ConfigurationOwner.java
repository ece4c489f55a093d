package dev.tollgate.filters.config;

import java.util.List;

import org.springframework.core.env.Environment;

/**
 * One module's share of {@code tollgate.*}: the {@code @ConfigurationProperties} classes it binds and how their
 * values are checked. Each module lists its owner under this interface's name in {@code META-INF/spring.factories};
 * a {@code tollgate.*} property that no owner on the classpath binds is unknown, and stops startup
 * ({@link StrictConfigurationCheck}).
 */
public interface ConfigurationOwner {

	/** This module's properties classes, each a {@code @ConfigurationProperties} with a prefix under tollgate. */
	List<Class<?>> propertiesClasses();

	/** Adds every problem of this module's settings to {@code problems}; never stops at the first. */
	void validate(Bound bound, ConfigurationProblems problems);

	/** Every owner's properties, bound from the environment before any bean is created. */
	interface Bound {

		/** The bound instance of a properties class of any owner on the classpath. */
		<T> T get(Class<T> type);

		Environment environment();

	}

}
