package dev.tollgate.filters.authn.jwks;

import java.util.Objects;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;

/**
 * One public key of an issuer's JWKS, bound to exactly one algorithm (RFC 8725 §3.1), with its verifier built once.
 *
 * @param keyId the JWK's {@code kid}, or {@code null}
 * @param algorithm the only algorithm this key verifies
 * @param verifier a thread-safe verifier for the key
 */
public record VerificationKey(String keyId, JWSAlgorithm algorithm, JWSVerifier verifier) {

	public VerificationKey {
		Objects.requireNonNull(algorithm, "algorithm");
		Objects.requireNonNull(verifier, "verifier");
	}

}
