package dev.tollgate.filters.config;

import java.beans.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.Resource;

/**
 * Names each unknown {@code tollgate.*} property with the nearest known name at the first level where it goes wrong
 * ({@code tollgate.routes[3].upstream-token.exchang} → {@code exchange}), found by walking the owners' properties
 * classes: bean properties and record components, map values and list elements.
 */
final class UnknownProperties {

	private static final ConfigurationPropertyName ROUTES = ConfigurationPropertyName.of("tollgate.routes");

	private final Map<Class<?>, ConfigurationPropertyName> owners;

	/** @param owners the prefix of each properties class (several bind under {@code tollgate} itself) */
	UnknownProperties(Map<Class<?>, ConfigurationPropertyName> owners) {
		this.owners = owners;
	}

	void report(Collection<ConfigurationProperty> unknown, Binder binder, ConfigurationProblems problems) {
		for (ConfigurationProperty property : unknown) {
			ConfigurationPropertyName name = property.getName();
			String message = "is not a known property" + suggestion(name) + origin(property);
			if (ROUTES.isAncestorOf(name) && name.getNumberOfElements() > 3 && name.isNumericIndex(2)) {
				// The operator finds a route by its id.
				String id = binder.bind(name.chop(3).append("id"), Bindable.of(String.class)).orElse(null);
				problems.addForRoute(id, name.toString(), message);
			}
			else {
				problems.add(name.toString(), message);
			}
		}
	}

	/** Where the property was set, e.g. {@code (from class path resource [application.yml] - 12:7)}. */
	static String origin(ConfigurationProperty property) {
		Origin origin = (property != null) ? property.getOrigin() : null;
		if (origin instanceof PropertySourceOrigin source && source.getOrigin() == null) {
			return " (from property source '" + source.getPropertySource().getName() + "')";
		}
		return (origin != null) ? " (from " + origin + ")" : "";
	}

	private String suggestion(ConfigurationPropertyName name) {
		List<Level> levels = new ArrayList<>();
		for (Map.Entry<Class<?>, ConfigurationPropertyName> owner : this.owners.entrySet()) {
			levels.add(new Level(owner.getValue(), ResolvableType.forClass(owner.getKey())));
		}
		for (int depth = 1; depth < name.getNumberOfElements(); depth++) {
			String element = name.getElement(depth, ConfigurationPropertyName.Form.UNIFORM);
			TreeSet<String> known = new TreeSet<>();
			List<Level> next = new ArrayList<>();
			for (Level level : levels) {
				level.children(depth, known, element, next);
			}
			if (next.isEmpty()) {
				String parent = name.chop(depth).toString();
				String nearest = nearest(element, known);
				String owner = (depth == 1) ? " (no module on the classpath owns " + name.chop(2) + ")" : "";
				return owner + ((nearest != null) ? "; did you mean " + parent + "." + nearest + "?" : "");
			}
			levels = next;
		}
		return "";
	}

	static String nearest(String uniform, Collection<String> dashedNames) {
		String best = null;
		int bestDistance = Math.max(2, uniform.length() / 3) + 1;
		for (String candidate : dashedNames) {
			int distance = distance(uniform, uniform(candidate));
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	/** Levenshtein distance. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private static String uniform(String dashed) {
		return dashed.replace("-", "").toLowerCase(Locale.ROOT);
	}

	/**
	 * Where a name may be at one depth: still inside an owner's prefix, or inside its type. {@code type} is null
	 * while inside the prefix.
	 */
	private record Level(ConfigurationPropertyName prefix, ResolvableType type) {

		void children(int depth, Collection<String> known, String element, List<Level> next) {
			if (depth < this.prefix.getNumberOfElements()) {
				String child = this.prefix.getElement(depth, ConfigurationPropertyName.Form.DASHED);
				known.add(child);
				if (uniform(child).equals(element)) {
					next.add(this);
				}
				return;
			}
			Class<?> raw = this.type.resolve(Object.class);
			if (Map.class.isAssignableFrom(raw)) {
				next.add(new Level(this.prefix, this.type.asMap().getGeneric(1)));
			}
			else if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
				ResolvableType item = raw.isArray() ? this.type.getComponentType()
						: this.type.asCollection().getGeneric(0);
				next.add(new Level(this.prefix, item));
			}
			else if (!isValue(raw)) {
				for (Map.Entry<String, ResolvableType> property : properties(raw).entrySet()) {
					known.add(property.getKey());
					if (uniform(property.getKey()).equals(element)) {
						next.add(new Level(this.prefix, property.getValue()));
					}
				}
			}
		}

		private static boolean isValue(Class<?> raw) {
			return BeanUtils.isSimpleProperty(raw) || raw == Object.class || Resource.class.isAssignableFrom(raw)
					|| raw.getName().startsWith("java.");
		}

		private static Map<String, ResolvableType> properties(Class<?> raw) {
			Map<String, ResolvableType> properties = new LinkedHashMap<>();
			if (raw.isRecord()) {
				for (RecordComponent component : raw.getRecordComponents()) {
					properties.put(DataObjectPropertyName.toDashedForm(component.getName()),
							ResolvableType.forMethodReturnType(component.getAccessor()));
				}
				return properties;
			}
			for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(raw)) {
				if (descriptor.getReadMethod() != null && !"class".equals(descriptor.getName())) {
					properties.put(DataObjectPropertyName.toDashedForm(descriptor.getName()),
							ResolvableType.forMethodReturnType(descriptor.getReadMethod()));
				}
			}
			return properties;
		}

	}

}
