package dev.tollgate.filters.core;

import java.util.Map;

/**
 * The key or certificate an access token is bound to: its {@code cnf} claim (RFC 7800 §3.1), from a JWT or from an
 * introspection answer (RFC 7662 §2.2). Thumbprints are public values, safe to log.
 *
 * @param jkt the RFC 7638 SHA-256 thumbprint of a DPoP key ({@code cnf.jkt}, RFC 9449 §6), or {@code null}
 * @param x5tS256 the SHA-256 thumbprint of a client certificate ({@code cnf.x5t#S256}, RFC 8705 §3.1), or
 * {@code null}
 * @param unknownMembers whether {@code cnf} holds a confirmation method the gateway cannot check (e.g. {@code jwk},
 * {@code kid}): such a token is bound to something no proof presented here can show
 */
public record Confirmation(String jkt, String x5tS256, boolean unknownMembers) {

	/** An unbound (bearer) token. */
	public static final Confirmation NONE = new Confirmation(null, null, false);

	/**
	 * Read a {@code cnf} value as a JSON parser hands it over.
	 * @param cnf the claim, or {@code null}
	 * @return {@link #NONE} when absent; a confirmation with {@code unknownMembers} when it is not an object of
	 * strings, so a malformed {@code cnf} never reads as "unbound"
	 */
	public static Confirmation of(Object cnf) {
		if (cnf == null) {
			return NONE;
		}
		if (!(cnf instanceof Map<?, ?> members)) {
			return new Confirmation(null, null, true);
		}
		String jkt = null;
		String x5t = null;
		boolean unknown = members.isEmpty();
		for (Map.Entry<?, ?> member : members.entrySet()) {
			Object name = member.getKey();
			Object value = member.getValue();
			if ("jkt".equals(name) && value instanceof String s && !s.isEmpty()) {
				jkt = s;
			}
			else if ("x5t#S256".equals(name) && value instanceof String s && !s.isEmpty()) {
				x5t = s;
			}
			else {
				unknown = true;
			}
		}
		return new Confirmation(jkt, x5t, unknown);
	}

	/** Whether the token is bound to anything at all. */
	public boolean isBound() {
		return this.jkt != null || this.x5tS256 != null || this.unknownMembers;
	}

}
