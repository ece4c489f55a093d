package dev.tollgate.filters.core;

import java.util.Objects;

/**
 * The raw credential the caller presented, kept only in the exchange so the upstream-token stage can use a
 * bearer token as an RFC 8693 subject token. Its {@code toString} never shows the value.
 */
public final class InboundCredential {

	private final CredentialKind kind;

	private final String value;

	public InboundCredential(CredentialKind kind, String value) {
		this.kind = Objects.requireNonNull(kind);
		this.value = Objects.requireNonNull(value);
	}

	public CredentialKind kind() {
		return this.kind;
	}

	/** The secret value. Never log it. */
	public String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return "InboundCredential[" + this.kind.tag() + ", value=<redacted>]";
	}

}
