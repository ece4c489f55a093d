package dev.tollgate.filters.authn.jwt;

/**
 * The shape of a bearer token, told apart by its segments without parsing: a compact JWS has three segments, a
 * compact JWE five (RFC 7516 §7.1); JSON serialisations start with a brace. Everything else is opaque.
 */
public enum TokenFormat {

	/** {@code header.payload.signature}, with a JOSE header ({@code ey...}). */
	JWS,
	/** Five segments with a JOSE header: an encrypted JWT, not accepted. */
	JWE,
	/** A JWS/JWE JSON serialisation (RFC 7515 §7.2), not accepted. */
	JSON,
	/** Anything else: a reference token for introspection. */
	OPAQUE;

	public static TokenFormat of(String token) {
		char first = token.isEmpty() ? ' ' : token.charAt(0);
		if (first == '{' || first == '[') {
			return JSON;
		}
		int dots = 0;
		for (int i = 0; i < token.length() && dots < 5; i++) {
			if (token.charAt(i) == '.') {
				dots++;
			}
		}
		// "ey" is the Base64url of '{' followed by a quote or letter: a JSON object header.
		boolean joseHeader = token.startsWith("ey");
		if (joseHeader && dots == 2) {
			return JWS;
		}
		if (joseHeader && dots == 4) {
			return JWE;
		}
		return OPAQUE;
	}

}
