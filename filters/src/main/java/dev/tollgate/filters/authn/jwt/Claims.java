package dev.tollgate.filters.authn.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

	/** Scopes of a claim that passed {@link ScopeSyntax#isValid}. */
	public static Set<String> scopes(Object value) {
		return ScopeSyntax.scopes(value);
	}

	/**
	 * Whether the claim is present with the JSON value {@code null}. A parsed claim set maps both an absent claim
	 * and {@code "nbf": null} to {@code null}; only the second is a malformed token (RFC 7519 §4.1 gives every
	 * registered claim a type, and null is none of them), and treating it as absent would let a token switch off
	 * the check that claim feeds.
	 */
	public static boolean isNull(Map<String, Object> claims, String name) {
		return claims.containsKey(name) && claims.get(name) == null;
	}

	/** Whether the claim is a JSON object, as {@code cnf} (RFC 7800 §3.1) and {@code act} (RFC 8693 §4.1) are. */
	public static boolean isObject(Object value) {
		return value instanceof Map<?, ?>;
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
