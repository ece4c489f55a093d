package dev.tollgate.filters.authn.jwt;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Strict readers for JSON claim values as a JSON parser hands them over. A claim of the wrong JSON type is a
 * rejection, never a coercion (RFC 7519 §4.1): {@code exp} as a string or {@code aud} as a number do not pass.
 */
public final class Claims {

	/** 9999-12-31T23:59:59Z: later "dates" are nonsense, and would overflow {@link Instant}. */
	private static final double MAX_NUMERIC_DATE = 253402300799d;

	private Claims() {
	}

	public static boolean isString(Object value) {
		return value instanceof String;
	}

	/** A JSON string, or an array whose every element is a string (as {@code aud} and {@code scp} may be). */
	public static boolean isStringOrStrings(Object value) {
		if (value instanceof String) {
			return true;
		}
		if (value instanceof List<?> list) {
			for (Object element : list) {
				if (!(element instanceof String)) {
					return false;
				}
			}
			return true;
		}
		return false;
	}

	/** A JSON number of seconds since the epoch (RFC 7519 §2 NumericDate), within a sane range. */
	public static boolean isNumericDate(Object value) {
		if (!(value instanceof Number number)) {
			return false;
		}
		double seconds = number.doubleValue();
		return !Double.isNaN(seconds) && seconds >= 0 && seconds <= MAX_NUMERIC_DATE;
	}

	/** The values of a string-or-strings claim; call {@link #isStringOrStrings} first. */
	public static List<String> strings(Object value) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof String s) {
			return List.of(s);
		}
		@SuppressWarnings("unchecked")
		List<String> list = (List<String>) value;
		return List.copyOf(list);
	}

	/** Scopes from a space-delimited string (RFC 6749 §3.3) or an array of strings ({@code scp}). */
	public static Set<String> scopes(Object value) {
		Set<String> scopes = new LinkedHashSet<>();
		if (value instanceof String s) {
			for (String scope : s.split(" ")) {
				if (!scope.isEmpty()) {
					scopes.add(scope);
				}
			}
		}
		else if (value instanceof List<?> list) {
			for (Object element : list) {
				scopes.add((String) element);
			}
		}
		return scopes;
	}

	/** The instant of a NumericDate claim, or {@code null}; call {@link #isNumericDate} first. */
	public static Instant instant(Object value) {
		if (value == null) {
			return null;
		}
		double seconds = ((Number) value).doubleValue();
		return Instant.ofEpochMilli((long) (seconds * 1000d));
	}

}
