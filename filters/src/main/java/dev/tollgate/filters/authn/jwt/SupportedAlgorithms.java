package dev.tollgate.filters.authn.jwt;

import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * The asymmetric signature algorithms an issuer may allow-list. HMAC is never on it: a gateway that accepted HMAC
 * could be fed tokens "signed" with an issuer's public key (RFC 8725 §2.1). {@code none} is never on it either.
 */
public final class SupportedAlgorithms {

	/** Every algorithm an issuer may list, by its JOSE name (case-sensitive, RFC 7515 §4.1.1). */
	public static final List<JWSAlgorithm> ALL = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
			JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
			JWSAlgorithm.ES512, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

	/** The default allow-list of an issuer. */
	public static final List<JWSAlgorithm> DEFAULTS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256,
			JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);

	private SupportedAlgorithms() {
	}

	/** The supported algorithm named exactly {@code name}, or {@code null}. */
	public static JWSAlgorithm byName(String name) {
		for (JWSAlgorithm algorithm : ALL) {
			if (algorithm.getName().equals(name)) {
				return algorithm;
			}
		}
		return null;
	}

	public static boolean isRsa(JWSAlgorithm algorithm) {
		return JWSAlgorithm.Family.RSA.contains(algorithm);
	}

	public static boolean isEdwards(JWSAlgorithm algorithm) {
		return JWSAlgorithm.EdDSA.equals(algorithm) || JWSAlgorithm.Ed25519.equals(algorithm);
	}

}
