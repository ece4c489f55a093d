package dev.tollgate.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code tollgate.*} entries of every {@code META-INF/spring-configuration-metadata.json} on the classpath: what
 * spring-boot-configuration-processor wrote for each module, merged with the module's
 * {@code additional-spring-configuration-metadata.json} (list and map entries, value hints).
 */
record ConfigurationMetadata(Map<String, Property> properties, Map<String, Group> groups, Map<String, List<Value>> hints) {

	static final String RESOURCE = "META-INF/spring-configuration-metadata.json";

	/** One property; {@code defaultValue} is null when the metadata names none, {@code sourceType} may be null. */
	record Property(String name, String type, String sourceType, String description, JsonNode defaultValue) {
	}

	record Group(String name, String description) {
	}

	/** One value hint; description may be null. */
	record Value(String value, String description) {
	}

	static ConfigurationMetadata load() {
		Map<String, Property> properties = new TreeMap<>();
		Map<String, Group> groups = new TreeMap<>();
		Map<String, List<Value>> hints = new TreeMap<>();
		JsonMapper mapper = JsonMapper.builder().build();
		try {
			for (URL url : Collections.list(ConfigurationMetadata.class.getClassLoader().getResources(RESOURCE))) {
				JsonNode root;
				try (InputStream in = url.openStream()) {
					root = mapper.readTree(in);
				}
				for (JsonNode node : root.path("properties")) {
					String name = node.path("name").asString();
					if (name.startsWith("tollgate.")) {
						properties.put(name, new Property(name, text(node, "type"), text(node, "sourceType"), text(node, "description"),
								node.has("defaultValue") ? node.get("defaultValue") : null));
					}
				}
				for (JsonNode node : root.path("groups")) {
					String name = node.path("name").asString();
					if (name.startsWith("tollgate.") && (!groups.containsKey(name) || text(node, "description") != null)) {
						groups.put(name, new Group(name, text(node, "description")));
					}
				}
				for (JsonNode node : root.path("hints")) {
					String name = node.path("name").asString();
					List<Value> values = new ArrayList<>();
					for (JsonNode value : node.path("values")) {
						values.add(new Value(value.path("value").asString(), text(value, "description")));
					}
					if (name.startsWith("tollgate.") && !values.isEmpty()) {
						hints.put(name, values);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ConfigurationMetadata(properties, groups, hints);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
