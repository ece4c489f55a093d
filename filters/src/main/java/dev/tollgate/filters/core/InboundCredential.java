package dev.tollgate.filters.core;

import java.util.Objects;

/**
 * The raw credential the caller presented, kept only in the exchange so the upstream-token stage can use a
 * bearer token as an RFC 8693 subject token. Its {@code toString} never shows the value. A request's stages run one
 * after another, so the memoised fingerprint needs no synchronisation.
 */
public final class InboundCredential {

	private final CredentialKind kind;

	private final String value;

	/** Whether it came as {@code Authorization: DPoP} (RFC 9449 §7.1) rather than {@code Bearer}. */
	private final boolean dpopScheme;

	/** Computed on first use, then shared: the credential is hashed at most once per request. */
	private String fingerprint;

	public InboundCredential(CredentialKind kind, String value) {
		this(kind, value, false);
	}

	/** @param dpopScheme whether the token came as {@code Authorization: DPoP <token>} (RFC 9449 §7.1) */
	public InboundCredential(CredentialKind kind, String value, boolean dpopScheme) {
		this.kind = Objects.requireNonNull(kind);
		this.value = Objects.requireNonNull(value);
		this.dpopScheme = dpopScheme;
	}

	private InboundCredential(CredentialKind kind, String value, boolean dpopScheme, String fingerprint) {
		this(kind, value, dpopScheme);
		this.fingerprint = fingerprint;
	}

	/** The same credential known to be of {@code kind} (a bearer token found to be opaque), its hash kept. */
	public InboundCredential as(CredentialKind kind) {
		return (kind == this.kind) ? this
				: new InboundCredential(kind, this.value, this.dpopScheme, this.fingerprint);
	}

	/** Whether the token came with the {@code DPoP} authorization scheme (RFC 9449 §7.1). */
	public boolean dpopScheme() {
		return this.dpopScheme;
	}

	/** The value's {@link TokenFingerprint}: hashed on first use, once per request. */
	public String fingerprint() {
		String computed = this.fingerprint;
		if (computed == null) {
			computed = TokenFingerprint.of(this.value);
			this.fingerprint = computed;
		}
		return computed;
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
		return "InboundCredential[" + this.kind.tag() + (this.dpopScheme ? ", DPoP" : "") + ", value=<redacted>]";
	}

}
