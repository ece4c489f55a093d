package dev.tollgate.filters.authn.jwks;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * An immutable snapshot of one issuer's verification keys, as fetched at {@code fetchedAt}.
 *
 * @param keys the keys that could be bound to an allow-listed algorithm
 * @param fetchedAt when the snapshot was fetched
 * @param refreshAt when a background refresh is due (from {@code Cache-Control: max-age} within bounds, else the
 * configured refresh interval)
 */
public record KeySet(List<VerificationKey> keys, Instant fetchedAt, Instant refreshAt) {

	public KeySet {
		keys = List.copyOf(keys);
		Objects.requireNonNull(fetchedAt, "fetchedAt");
		Objects.requireNonNull(refreshAt, "refreshAt");
	}

	/**
	 * The key for a token header. With a {@code kid}, only a key with that id bound to {@code algorithm} matches.
	 * Without one, the only key bound to {@code algorithm} matches; with several, none does.
	 * @return the key, or {@code null}
	 */
	public VerificationKey find(String keyId, JWSAlgorithm algorithm) {
		VerificationKey match = null;
		for (VerificationKey key : this.keys) {
			if (!key.algorithm().equals(algorithm) || (keyId != null && !keyId.equals(key.keyId()))) {
				continue;
			}
			if (keyId != null) {
				return key;
			}
			if (match != null) {
				return null;
			}
			match = key;
		}
		return match;
	}

	/** True when some key has this {@code kid}, whatever its algorithm. */
	public boolean hasKeyId(String keyId) {
		if (keyId == null) {
			return false;
		}
		for (VerificationKey key : this.keys) {
			if (keyId.equals(key.keyId())) {
				return true;
			}
		}
		return false;
	}

}
