package dev.tollgate.filters.authn.jwt;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one reading of scope values, shared by JWT access tokens (RFC 9068 §2.2.3) and introspection answers
 * (RFC 7662 §2.2). {@code scope} is a string of scope tokens separated by single spaces (RFC 6749 §3.3:
 * {@code scope = scope-token *( SP scope-token )}, {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}). Anything
 * else (an array, an empty string, doubled, leading or trailing spaces, tabs, quotes, backslashes, control or
 * non-ASCII characters) is refused rather than repaired: two parsers that repair differently disagree on what a token
 * grants. Issuers that send an array (Okta's {@code scp}) are configured by claim name; only a claim not named
 * {@code scope} may be an array, and then each element must be one scope token.
 */
public final class ScopeSyntax {

	/** The registered claim and introspection member name, whose value is always a string. */
	public static final String SCOPE = "scope";

	private ScopeSyntax() {
	}

	/** Whether a claim of this name may hold an array of scope tokens: every name but {@code scope}. */
	public static boolean allowsArray(String claimName) {
		return !SCOPE.equals(claimName);
	}

	/**
	 * Whether {@code value} is a well-formed scope claim. A claim that names no scope must be left out: the grammar
	 * has at least one token, so {@code ""} and {@code []} are refused.
	 */
	public static boolean isValid(Object value, boolean arrayAllowed) {
		if (value instanceof String string) {
			return isScopeString(string);
		}
		if (arrayAllowed && value instanceof List<?> list && !list.isEmpty()) {
			for (Object element : list) {
				if (!(element instanceof String token) || !isScopeToken(token)) {
					return false;
				}
			}
			return true;
		}
		return false;
	}

	/** RFC 6749 §3.3 {@code scope}: one or more scope tokens, each pair separated by exactly one space. */
	public static boolean isScopeString(String value) {
		if (value.isEmpty() || value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
			return false;
		}
		char previous = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == ' ' ? previous == ' ' : !isTokenChar(c)) {
				return false;
			}
			previous = c;
		}
		return true;
	}

	/** RFC 6749 §3.3 {@code scope-token}. */
	public static boolean isScopeToken(String value) {
		if (value.isEmpty()) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			if (!isTokenChar(value.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/** The scopes of a value that passed {@link #isValid}; empty for {@code null}. */
	public static Set<String> scopes(Object value) {
		Set<String> scopes = new LinkedHashSet<>();
		if (value instanceof String string) {
			scopes.addAll(List.of(string.split(" ")));
		}
		else if (value instanceof List<?> list) {
			for (Object element : list) {
				scopes.add((String) element);
			}
		}
		return scopes;
	}

	// %x21 / %x23-5B / %x5D-7E: visible ASCII except '"' and '\'.
	private static boolean isTokenChar(char c) {
		return c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
	}

}
