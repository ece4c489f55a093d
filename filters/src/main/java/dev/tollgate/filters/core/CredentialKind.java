package dev.tollgate.filters.core;

/** How a caller proved who it is. Used as a bounded metric tag and in the upstream token's claims. */
public enum CredentialKind {
	/** A signed JWT access token from a trusted issuer (RFC 9068). */
	JWT("jwt"),
	/** An opaque token validated by introspection (RFC 7662). */
	OPAQUE("opaque"),
	/** A legacy API key still accepted on the route. */
	API_KEY("api-key");

	private final String tag;

	CredentialKind(String tag) {
		this.tag = tag;
	}

	/** The stable lower-case name used in metrics, logs and claims. */
	public String tag() {
		return this.tag;
	}
}
