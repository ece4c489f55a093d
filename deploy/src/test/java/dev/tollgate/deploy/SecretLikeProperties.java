package dev.tollgate.deploy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Properties of a Spring configuration document whose name says they hold a secret ({@code client-secret},
 * {@code password}, {@code token}, ...) and whose value is a literal instead of a {@code ${ENV}} reference. Such a
 * value in a committed file is either a placeholder that must be marked {@code CHANGE-ME} or a leaked secret.
 */
final class SecretLikeProperties {

	private static final Pattern SECRET_NAME = Pattern.compile("(?i)(^|[-_.])(secret|password|token|credentials)$");

	private SecretLikeProperties() {
	}

	/** Property path to value, for secret-named properties not of the form {@code ${...}}. */
	static Map<String, Object> withLiteralValues(Object document) {
		Map<String, Object> found = new TreeMap<>();
		walk("", document, found);
		return found;
	}

	private static void walk(String path, Object node, Map<String, Object> found) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> walk(path.isEmpty() ? String.valueOf(key) : path + "." + key, value, found));
		}
		else if (node instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				walk(path + "[" + i + "]", list.get(i), found);
			}
		}
		else if (node != null && SECRET_NAME.matcher(path.substring(path.lastIndexOf('.') + 1)).find()
				&& !String.valueOf(node).matches("\\$\\{[^}]+}")) {
			found.put(path, node);
		}
	}

}
