package dev.tollgate.filters.edge;

import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * The header-name and header-value rules of Spring Security's {@link StrictServerWebExchangeFirewall}, as loops
 * instead of its regular expressions, for the firewall's own {@code setAllowedHeaderNames} and
 * {@code setAllowedHeaderValues}. The rules are Spring Security 7's defaults, unchanged: every code point assigned
 * ({@code \p{IsAssigned}}) and not a control character ({@code \p{IsControl}}), except that a value may contain a tab.
 * Only the way they are evaluated differs: printable ASCII, nearly every character a request carries, is accepted
 * without a code-point lookup. The expressions scanned every request's bearer token character by character through
 * {@code java.util.regex}, about 4% of the gateway's CPU per request (perf/RESULTS.md, stop 23);
 * {@code HeaderCharactersTests} checks these loops against Spring's expressions for every code point.
 */
final class HeaderCharacters {

	private HeaderCharacters() {
	}

	/** Spring Security's default for header names: {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
	static boolean allowedName(String name) {
		return allowed(name, false);
	}

	/** Spring Security's default for header values: {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. */
	static boolean allowedValue(String value) {
		return allowed(value, true);
	}

	private static boolean allowed(String text, boolean tab) {
		int n = text.length();
		for (int i = 0; i < n; i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c >= 0x7f) {
				return allowedFrom(text, i, tab);
			}
		}
		return true;
	}

	/** Code point by code point, as {@code java.util.regex} reads a string (an unpaired surrogate stands alone). */
	private static boolean allowedFrom(String text, int start, boolean tab) {
		int n = text.length();
		int i = start;
		while (i < n) {
			int cp = text.codePointAt(i);
			int type = Character.getType(cp);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && cp == '\t'))) {
				return false;
			}
			i += Character.charCount(cp);
		}
		return true;
	}

}
