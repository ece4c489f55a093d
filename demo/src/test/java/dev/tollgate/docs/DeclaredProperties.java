package dev.tollgate.docs;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every {@code tollgate.*} property the code declares, found by walking the {@code @ConfigurationProperties} classes
 * and records under {@code dev.tollgate} the way Spring's binder sees them: nested objects add a segment, list
 * elements {@code []}, map values {@code <name>}. Independent of the metadata, so it can check it.
 */
final class DeclaredProperties {

	private DeclaredProperties() {
	}

	/** Property name to its declared type, e.g. {@code tollgate.routes[].upstream-token.audience}. */
	static Map<String, Class<?>> find() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		Map<String, Class<?>> properties = new TreeMap<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("dev.tollgate")) {
			Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
			ConfigurationProperties annotation = MergedAnnotations.from(type)
				.get(ConfigurationProperties.class)
				.synthesize();
			String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
			if (prefix.startsWith("tollgate")) {
				walk(prefix + ".", type, properties);
			}
		}
		return properties;
	}

	private static void walk(String prefix, Class<?> type, Map<String, Class<?>> properties) {
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				add(prefix + kebab(component.getName()), component.getGenericType(), properties);
			}
			return;
		}
		for (Field field : type.getDeclaredFields()) {
			if (!Modifier.isStatic(field.getModifiers()) && hasGetter(type, field)) {
				add(prefix + kebab(field.getName()), field.getGenericType(), properties);
			}
		}
	}

	private static void add(String name, Type type, Map<String, Class<?>> properties) {
		Class<?> raw = raw(type);
		if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
			Type[] arguments = ((ParameterizedType) type).getActualTypeArguments();
			Class<?> element = raw(arguments[arguments.length - 1]);
			properties.put(name, raw);
			if (isNested(element)) {
				walk(name + (Map.class.isAssignableFrom(raw) ? ".<name>." : "[]."), element, properties);
			}
		}
		else if (isNested(raw)) {
			walk(name + ".", raw, properties);
		}
		else {
			properties.put(name, raw);
		}
	}

	/** A type whose properties bind one by one: ours, and not a value such as an enum. */
	private static boolean isNested(Class<?> type) {
		return type.getName().startsWith("dev.tollgate.") && !type.isEnum() && !type.isInterface();
	}

	private static boolean hasGetter(Class<?> type, Field field) {
		String suffix = Character.toUpperCase(field.getName().charAt(0)) + field.getName().substring(1);
		for (String getter : new String[] { "get" + suffix, "is" + suffix }) {
			if (ClassUtils.hasMethod(type, getter)) {
				return true;
			}
		}
		return false;
	}

	private static Class<?> raw(Type type) {
		return (type instanceof ParameterizedType parameterized) ? (Class<?>) parameterized.getRawType()
				: (Class<?>) type;
	}

	static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
	}

}
