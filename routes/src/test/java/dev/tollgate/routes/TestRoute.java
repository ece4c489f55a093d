package dev.tollgate.routes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A route as an operator writes it under {@code tollgate.routes[0]}, bound the way the gateway binds it, so a test
 * states only the settings it changes: {@code new TestRoute().set("upstream-token.exchange", "corp").bind()}.
 */
final class TestRoute {

	private static final String PREFIX = "tollgate.routes[0]";

	private final Map<String, Object> values = new LinkedHashMap<>();

	/**
	 * @param name relative to the route, e.g. {@code api-keys.phase}
	 * @param value the value; a list sets the indexed elements (an empty one, an empty list); null unsets it
	 */
	TestRoute set(String name, Object value) {
		String full = PREFIX + "." + name;
		this.values.keySet().removeIf((key) -> key.equals(full) || key.startsWith(full + "["));
		if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				this.values.put(full + "[" + i + "]", list.get(i));
			}
			if (list.isEmpty()) {
				this.values.put(full, "");
			}
		}
		else if (value != null) {
			this.values.put(full, value);
		}
		return this;
	}

	RouteDeclaration bind() {
		return new Binder(new MapConfigurationPropertySource(this.values)).bindOrCreate(PREFIX,
				RouteDeclaration.class);
	}

}
