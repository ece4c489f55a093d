package dev.tollgate.filters.mcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A {@code tools/call}'s {@code arguments} as plain Java values for a tool rule's policy: objects as maps, arrays as
 * lists, strings, integers as {@code long}, other numbers as {@code double}, booleans; JSON {@code null} members
 * are left out. The parser already bounded the depth.
 */
final class ToolArguments {

	private ToolArguments() {
	}

	/** The arguments object, or an empty map when the call has none (or they are not an object). */
	static Map<String, Object> of(JsonNode arguments) {
		if (arguments == null || !arguments.isObject()) {
			return Map.of();
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> map = (Map<String, Object>) value(arguments);
		return map;
	}

	private static Object value(JsonNode node) {
		if (node.isObject()) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> member : node.properties()) {
				Object value = value(member.getValue());
				if (value != null) {
					map.put(member.getKey(), value);
				}
			}
			return Collections.unmodifiableMap(map);
		}
		if (node.isArray()) {
			List<Object> list = new ArrayList<>(node.size());
			for (JsonNode item : node) {
				Object value = value(item);
				if (value != null) {
					list.add(value);
				}
			}
			return Collections.unmodifiableList(list);
		}
		if (node.isString()) {
			return node.asString();
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.longValue();
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return null;
	}

}
