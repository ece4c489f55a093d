package dev.tollgate.docs;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code tollgate.*} property the code declares (found by {@link DeclaredProperties}, list and map entries
 * included) is in the configuration metadata with a description, so a property without javadoc, or a list element
 * type missing from {@code additional-spring-configuration-metadata.json}, fails the build.
 */
class ConfigurationMetadataTests {

	static final ConfigurationMetadata metadata = ConfigurationMetadata.load();

	static final Map<String, Class<?>> declared = DeclaredProperties.find();

	@Test
	void declaredPropertiesWhenScannedThenIncludeListAndMapEntries() {
		assertThat(declared).containsKeys("tollgate.routes[].path", "tollgate.routes[].upstream-token.audience",
				"tollgate.issuers[].jwks-uri", "tollgate.issuers[].jwks.refresh-interval",
				"tollgate.rate-limit.policies.<name>.limits", "tollgate.sts.<name>.token-uri",
				"tollgate.redis.cluster.nodes", "tollgate.gateway.connections.header-timeout", "tollgate.admin.token",
				"tollgate.demo.echo-port");
	}

	@Test
	void metadataWhenPropertyDeclaredInCodeThenPresentWithDescription() {
		Set<String> missing = new TreeSet<>();
		Set<String> undescribed = new TreeSet<>();
		for (String name : declared.keySet()) {
			ConfigurationMetadata.Property property = metadata.properties().get(name);
			if (property == null) {
				missing.add(name);
			}
			else if (property.description() == null || property.description().isBlank()) {
				undescribed.add(name);
			}
		}
		assertThat(missing).as("declared in code but absent from the configuration metadata (list and map entries "
				+ "belong in META-INF/additional-spring-configuration-metadata.json)").isEmpty();
		assertThat(undescribed).as("without a description: add javadoc to the field").isEmpty();
	}

	@Test
	void metadataWhenPropertyListedThenDeclaredInCode() {
		assertThat(new TreeSet<>(metadata.properties().keySet()))
			.as("in the metadata but not in code (stale additional-spring-configuration-metadata.json?)")
			.allSatisfy((name) -> assertThat(declared).containsKey(name));
	}

	@Test
	void metadataWhenPropertyIsAnEnumThenHintsNameEveryConstant() {
		declared.forEach((name, type) -> {
			if (type.isEnum()) {
				List<String> constants = Arrays.stream(type.getEnumConstants())
					.map((constant) -> normalize(((Enum<?>) constant).name()))
					.toList();
				List<ConfigurationMetadata.Value> hints = metadata.hints().get(name);
				assertThat(hints).as("value hints of %s", name).isNotNull();
				assertThat(hints.stream().map((hint) -> normalize(hint.value())).toList()).as("value hints of %s", name)
					.containsExactlyInAnyOrderElementsOf(constants);
			}
		});
	}

	@Test
	void metadataWhenHintedThenHintsNameADeclaredProperty() {
		assertThat(metadata.hints().keySet()).allSatisfy((name) -> assertThat(declared).containsKey(name));
	}

	private static String normalize(String value) {
		return value.toLowerCase(Locale.ROOT).replace('-', '_');
	}

}
