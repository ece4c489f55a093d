package dev.tollgate.apikeys.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Labels of an API key: at most 16, names of letters, digits, {@code .}, {@code _} and {@code -} (a letter first, at
 * most 63), values of printable ASCII (at most 256). They reach policies and listings, never a log line or a metric
 * tag, but stay bounded and printable anyway.
 */
public final class KeyLabels {

	static final int MAX_LABELS = 16;

	private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,62}");

	private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7e]{0,256}");

	private KeyLabels() {
	}

	/** @throws IllegalArgumentException naming the first bad label */
	public static void check(Map<String, String> labels) {
		if (labels.size() > MAX_LABELS) {
			throw new IllegalArgumentException("at most " + MAX_LABELS + " labels per key");
		}
		labels.forEach((name, value) -> {
			if (name == null || !NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("label name '" + name + "' must start with a letter and hold "
						+ "only letters, digits, '.', '_' and '-' (at most 63)");
			}
			if (value == null || !VALUE.matcher(value).matches()) {
				throw new IllegalArgumentException("label '" + name + "' needs a printable value of at most 256");
			}
		});
	}

	/** {@code team=payments,tier=gold} (the CLI and the admin endpoint's form), checked. */
	public static Map<String, String> parse(String text) {
		Map<String, String> labels = new LinkedHashMap<>();
		if (text == null || text.isBlank()) {
			return labels;
		}
		for (String pair : text.split(",")) {
			int eq = pair.indexOf('=');
			if (eq <= 0) {
				throw new IllegalArgumentException("label '" + pair.trim() + "' is not name=value");
			}
			labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
		}
		check(labels);
		return labels;
	}

}
