package dev.tollgate.filters.authn.jwt;

/**
 * A linear pre-scan that refuses deeply nested JSON before a recursive parser sees it (CVE-2025-53864: a token
 * of nested arrays exhausted the stack). Access tokens are shallow; anything deeper than the limit is an attack.
 */
final class JsonNesting {

	private JsonNesting() {
	}

	/** True when {@code json} nests objects or arrays deeper than {@code maxDepth}. Strings are skipped. */
	static boolean exceeds(String json, int maxDepth) {
		int depth = 0;
		boolean inString = false;
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == '{' || c == '[') {
				if (++depth > maxDepth) {
					return true;
				}
			}
			else if (c == '}' || c == ']') {
				depth--;
			}
		}
		return false;
	}

}
