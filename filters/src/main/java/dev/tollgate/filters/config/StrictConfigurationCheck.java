package dev.tollgate.filters.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.beans.PropertyEditorRegistry;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Checks all of {@code tollgate.*} before any bean is created, and fails startup with one
 * {@link InvalidConfigurationException} listing every problem: each unknown property (a misspelt key, or one whose
 * module is absent) with the nearest known name, each value that cannot be converted, and each problem the owners'
 * validators find. A typo in a protection setting must not leave a route silently unprotected.
 * <p>
 * Imported by every auto-configuration that binds {@code tollgate.*}, so it runs in any context that reads them.
 */
public final class StrictConfigurationCheck implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return HIGHEST_PRECEDENCE;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		List<ConfigurationOwner> owners = SpringFactoriesLoader.loadFactories(ConfigurationOwner.class,
				beanFactory.getBeanClassLoader());
		check(this.environment, owners, beanFactory::copyRegisteredEditorsTo).throwIfAny();
	}

	/** Every problem of {@code tollgate.*} in {@code environment}, as the given owners bind and check it. */
	static ConfigurationProblems check(Environment environment, List<ConfigurationOwner> owners,
			Consumer<PropertyEditorRegistry> editors) {
		ConfigurationProblems problems = new ConfigurationProblems();
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
		Binder binder = new Binder(sources, placeholders(environment), null, editors);
		OwnedNamesHandler handler = new OwnedNamesHandler(problems);
		Map<Class<?>, ConfigurationPropertyName> prefixes = new LinkedHashMap<>();
		Map<Class<?>, Object> bound = new LinkedHashMap<>();
		for (ConfigurationOwner owner : owners) {
			for (Class<?> type : owner.propertiesClasses()) {
				ConfigurationPropertyName prefix = ConfigurationPropertyName.of(prefix(type));
				prefixes.put(type, prefix);
				bound.put(type, binder.bindOrCreate(prefix, Bindable.of(type), handler));
			}
		}
		new UnknownProperties(prefixes).report(handler.unbound(sources), binder, problems);
		ConfigurationOwner.Bound view = new BoundView(bound, environment);
		for (ConfigurationOwner owner : owners) {
			owner.validate(view, problems);
		}
		return problems;
	}

	private static PropertySourcesPlaceholdersResolver placeholders(Environment environment) {
		return (environment instanceof ConfigurableEnvironment configurable)
				? new PropertySourcesPlaceholdersResolver(configurable.getPropertySources()) : null;
	}

	private static String prefix(Class<?> type) {
		ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
		String prefix = (annotation != null) ? annotation.prefix() + annotation.value() : "";
		if (!prefix.equals("tollgate") && !prefix.startsWith("tollgate.")) {
			throw new IllegalStateException(type.getName() + " is listed as a tollgate.* owner but binds '" + prefix
					+ "'");
		}
		return prefix;
	}

	private record BoundView(Map<Class<?>, Object> bound, Environment environment)
			implements ConfigurationOwner.Bound {

		@Override
		public <T> T get(Class<T> type) {
			Object value = this.bound.get(type);
			if (value == null) {
				throw new IllegalArgumentException(type.getName() + " is not owned by any ConfigurationOwner");
			}
			return type.cast(value);
		}

	}

}
