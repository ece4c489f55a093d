package dev.tollgate.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Settings under one prefix, bound to a properties record the way the gateway binds its configuration, so a test
 * states only the settings it changes and every other one keeps its real default:
 * {@code TestSettings.under("tollgate.rate-limit").set("instance-count", 2).bind(RateLimitProperties.class)}.
 */
public final class TestSettings {

	private final String prefix;

	private final Map<String, Object> values = new LinkedHashMap<>();

	private TestSettings(String prefix) {
		this.prefix = prefix;
	}

	/** Settings under {@code prefix}, e.g. {@code tollgate.rate-limit} or {@code tollgate.routes[0]}. */
	public static TestSettings under(String prefix) {
		return new TestSettings(prefix);
	}

	/**
	 * Sets one setting, replacing any value (or list elements) it had.
	 * @param name relative to the prefix, e.g. {@code policies.standard.limits}
	 * @param value a value as the binder converts it (text, a number, a {@code Duration}, an enum...); a list sets
	 * the indexed elements; null unsets it
	 */
	public TestSettings set(String name, Object value) {
		String full = this.prefix + "." + name;
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

	/** The settings bound to {@code type} as the gateway binds them; unset settings keep their defaults. */
	public <T> T bind(Class<T> type) {
		return new Binder(new MapConfigurationPropertySource(this.values)).bindOrCreate(this.prefix, type);
	}

}
