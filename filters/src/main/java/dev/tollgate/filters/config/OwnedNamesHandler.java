package dev.tollgate.filters.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Records every name bound by the binds of all owners' properties classes, then finds the {@code tollgate.*}
 * properties none bound. Modelled on Spring Boot's {@code NoUnboundElementsBindHandler} (what
 * {@code ignoreUnknownFields = false} uses), which cannot serve here: several classes bind under {@code tollgate}
 * itself ({@code routes}, {@code issuers}, {@code sts}), and it lets any {@code routes[n].x.<typo>} pass once
 * {@code routes[0].x} was bound. A value that cannot be converted is recorded as a problem instead of ending the
 * bind, so every problem is reported at once.
 */
final class OwnedNamesHandler extends AbstractBindHandler {

	static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("tollgate");

	private final Set<ConfigurationPropertyName> bound = new HashSet<>();

	private final ConfigurationProblems problems;

	OwnedNamesHandler(ConfigurationProblems problems) {
		this.problems = problems;
	}

	@Override
	public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
		this.bound.add(name);
		return super.onSuccess(name, target, context, result);
	}

	@Override
	public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
			Exception error) {
		this.bound.add(name);
		// The value is not shown: it may be a secret.
		ConfigurationProperty property = context.getConfigurationProperty();
		Class<?> type = target.getType().resolve(Object.class);
		this.problems.add(name.toString(),
				"the value is not a valid " + type.getSimpleName() + UnknownProperties.origin(property));
		return null;
	}

	/** After every owner's classes were bound with this handler: the {@code tollgate.*} properties none bound. */
	Set<ConfigurationProperty> unbound(Iterable<ConfigurationPropertySource> sources) {
		Set<ConfigurationProperty> unbound = new TreeSet<>();
		List<IterableConfigurationPropertySource> earlier = new ArrayList<>();
		for (ConfigurationPropertySource source : sources) {
			if (source instanceof IterableConfigurationPropertySource iterable && isOperatorSource(source)) {
				iterable.stream()
					.filter((name) -> ROOT.isAncestorOf(name) && !this.bound.contains(name)
							&& !isOverriddenListElement(name, earlier))
					.forEach((name) -> unbound.add(iterable.getConfigurationProperty(name)));
				earlier.add(iterable);
			}
		}
		return unbound;
	}

	/**
	 * Whether {@code name} is an element of a list that an earlier (higher-priority) source sets: lists are taken
	 * whole from one source, so that element is overridden, not unknown.
	 */
	private boolean isOverriddenListElement(ConfigurationPropertyName name,
			List<IterableConfigurationPropertySource> earlier) {
		for (int i = 1; i < name.getNumberOfElements(); i++) {
			if (name.isNumericIndex(i)) {
				ConfigurationPropertyName list = name.chop(i);
				if (earlier.stream().anyMatch((source) -> source.stream().anyMatch(list::isAncestorOf))) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Like Boot, leaves out environment variables and system properties: they are shared with everything else on the
	 * host (Kubernetes adds {@code TOLLGATE_PORT}, {@code TOLLGATE_SERVICE_HOST} ... for a Service named tollgate).
	 */
	private static boolean isOperatorSource(ConfigurationPropertySource source) {
		if (source.getUnderlyingSource() instanceof PropertySource<?> propertySource) {
			String name = propertySource.getName();
			return !StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(name)
					&& !StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(name);
		}
		return true;
	}

}
