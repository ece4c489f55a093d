package dev.tollgate.apikeys.format;

/**
 * What a presented key string turned out to be, before any store lookup. Never holds the key itself.
 *
 * @param kind the format recognised
 * @param keyId the key id embedded in a {@link Kind#TOLLGATE} key, else {@code null}
 * @param hash SHA-256 of the presented string, {@code null} for {@link Kind#MALFORMED}
 */
public record PresentedKey(Kind kind, String keyId, String hash) {

	/** Formats a presented key can have. */
	public enum Kind {

		/** A key in Tollgate's own format with a valid checksum. */
		TOLLGATE,
		/** Anything else that could be an imported legacy key; only a store lookup by hash can tell. */
		LEGACY,
		/** Cannot be a key: rejected without a store lookup. */
		MALFORMED

	}

	public boolean malformed() {
		return this.kind == Kind.MALFORMED;
	}

	@Override
	public String toString() {
		return "PresentedKey[" + this.kind + ", keyId=" + this.keyId + "]";
	}

}
