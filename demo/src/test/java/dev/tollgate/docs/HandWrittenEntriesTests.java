package dev.tollgate.docs;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor cannot see the element types of lists and maps, so their entries ({@code tollgate.routes[].*},
 * {@code tollgate.sts.<name>.*}, ...) are written in {@code additional-spring-configuration-metadata.json}. This test
 * keeps them equal to the code: each description is the field's javadoc (a record component's {@code @param}), each
 * default the field's initial value (the value a record component binds to when nothing is set).
 */
class HandWrittenEntriesTests {

	@Test
	void metadataWhenListOrMapEntryThenDescriptionIsTheFieldJavadoc() throws IOException {
		List<String> drifted = new ArrayList<>();
		for (ConfigurationMetadata.Property property : entries()) {
			String javadoc = javadoc(property);
			if (!javadoc.equals(property.description())) {
				drifted.add(property.name() + "\n    metadata: " + property.description() + "\n    javadoc:  " + javadoc);
			}
		}
		assertThat(drifted).as("copy the field's javadoc into additional-spring-configuration-metadata.json").isEmpty();
	}

	@Test
	void metadataWhenListOrMapEntryThenDefaultIsTheFieldsInitialValue() {
		List<String> drifted = new ArrayList<>();
		for (ConfigurationMetadata.Property property : entries()) {
			Object initial = initialValue(property);
			if (!sameValue(property.defaultValue(), initial)) {
				drifted.add(property.name() + ": metadata " + property.defaultValue() + ", code " + initial);
			}
		}
		assertThat(drifted).as("defaults in additional-spring-configuration-metadata.json").isEmpty();
	}

	static List<ConfigurationMetadata.Property> entries() {
		List<ConfigurationMetadata.Property> entries = ConfigurationMetadataTests.metadata.properties()
			.values()
			.stream()
			.filter((property) -> property.name().contains("[]") || property.name().contains("<name>"))
			.toList();
		assertThat(entries).allSatisfy((property) -> assertThat(property.sourceType()).as(property.name()).isNotNull());
		return entries;
	}

	private static Object initialValue(ConfigurationMetadata.Property property) {
		Class<?> type = ClassUtils.resolveClassName(property.sourceType(), null);
		if (type.isRecord()) {
			Object bound = new Binder(new MapConfigurationPropertySource()).bindOrCreate("unset", type);
			RecordComponent component = Arrays.stream(type.getRecordComponents())
				.filter((candidate) -> candidate.getName().equals(fieldName(property)))
				.findFirst()
				.orElse(null);
			assertThat(component).as("component of %s in %s", property.name(), property.sourceType()).isNotNull();
			return ReflectionUtils.invokeMethod(component.getAccessor(), bound);
		}
		Field field = ReflectionUtils.findField(type, fieldName(property));
		assertThat(field).as("field of %s in %s", property.name(), property.sourceType()).isNotNull();
		ReflectionUtils.makeAccessible(field);
		try {
			return field.get(type.getDeclaredConstructor().newInstance());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean sameValue(JsonNode metadata, Object initial) {
		if (initial == null || (initial instanceof Collection<?> collection && collection.isEmpty())
				|| (initial instanceof Map<?, ?> map && map.isEmpty())) {
			return metadata == null;
		}
		if (metadata == null) {
			return false;
		}
		if (initial instanceof Collection<?> collection) {
			List<String> values = new ArrayList<>();
			metadata.forEach((value) -> values.add(value.asString()));
			return values.equals(collection.stream().map(String::valueOf).toList());
		}
		if (initial instanceof Duration duration) {
			return DurationStyle.detectAndParse(metadata.asString()).equals(duration);
		}
		if (initial instanceof DataSize size) {
			return DataSize.parse(metadata.asString()).equals(size);
		}
		if (initial instanceof Enum<?> constant) {
			return normalize(metadata.asString()).equals(normalize(constant.name()));
		}
		return metadata.asString().equals(String.valueOf(initial));
	}

	/** The last segment of the name in camel case: {@code retry-on-upstream401} is {@code retryOnUpstream401}. */
	private static String fieldName(ConfigurationMetadata.Property property) {
		String last = property.name().substring(property.name().lastIndexOf('.') + 1);
		Matcher dash = Pattern.compile("-(\\w)").matcher(last);
		StringBuilder out = new StringBuilder();
		while (dash.find()) {
			dash.appendReplacement(out, dash.group(1).toUpperCase(Locale.ROOT));
		}
		return dash.appendTail(out).toString();
	}

	/** The field's javadoc (a record component's {@code @param}), cleaned as the configuration processor cleans it. */
	private static String javadoc(ConfigurationMetadata.Property property) throws IOException {
		String sourceType = property.sourceType();
		String topLevel = sourceType.contains("$") ? sourceType.substring(0, sourceType.indexOf('$')) : sourceType;
		String simple = sourceType.substring(Math.max(sourceType.lastIndexOf('$'), sourceType.lastIndexOf('.')) + 1);
		String source = Files.readString(sourceFile(topLevel));
		if (ClassUtils.resolveClassName(sourceType, null).isRecord()) {
			return recordParam(source, simple, fieldName(property), property.name());
		}
		int start = source.indexOf("class " + simple + " ");
		assertThat(start).as("class %s in its source", simple).isNotNegative();
		Matcher field = Pattern
			.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*private\\s+(?:final\\s+)?[\\w<>, ?.]+\\s+" + fieldName(property)
					+ "\\b", Pattern.DOTALL)
			.matcher(source);
		assertThat(field.find(start)).as("javadoc of %s", property.name()).isTrue();
		return clean(field.group(1));
	}

	/** The {@code @param} text of one component in the javadoc just before {@code record <simple>(}. */
	private static String recordParam(String source, String simple, String component, String name) {
		int start = source.indexOf("record " + simple + "(");
		assertThat(start).as("record %s in its source", simple).isNotNegative();
		int end = source.lastIndexOf("*/", start);
		// The comment opens a line: "/**" also occurs inside it, e.g. {@code /orders/**}.
		Matcher opening = Pattern.compile("(?m)^\\s*/\\*\\*").matcher(source.substring(0, end));
		int begin = -1;
		while (opening.find()) {
			begin = opening.end() - 3;
		}
		assertThat(begin).as("javadoc of record %s", simple).isNotNegative();
		Matcher param = Pattern.compile("@param\\s+" + component + "\\s+((?:(?!\\s\\*\\s*@).)*)", Pattern.DOTALL)
			.matcher(source.substring(begin + 3, end));
		assertThat(param.find()).as("@param %s of %s (%s)", component, simple, name).isTrue();
		return clean(param.group(1));
	}

	private static String clean(String javadoc) {
		return javadoc.replaceAll("(?m)^\\s*\\*\\s?", " ").replaceAll("\\s+", " ").trim();
	}

	private static Path sourceFile(String topLevel) throws IOException {
		String relative = "src/main/java/" + topLevel.replace('.', '/') + ".java";
		try (Stream<Path> modules = Files.list(ConfigurationReferenceTests.repositoryRoot())) {
			return modules.map((module) -> module.resolve(relative))
				.filter(Files::isRegularFile)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no source for " + topLevel));
		}
	}

	private static String normalize(String value) {
		return value.toLowerCase(Locale.ROOT).replace('-', '_');
	}

}
