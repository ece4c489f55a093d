package dev.tollgate.filters.authn.jwks;

import java.util.List;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

import dev.tollgate.filters.authn.jwt.SupportedAlgorithms;

/**
 * Binds each JWK of an issuer's key set to exactly one allow-listed algorithm (RFC 8725 §3.1), or drops it.
 * A key with {@code alg} is bound to that algorithm. Without {@code alg}, EC and OKP keys are bound by their curve;
 * an RSA key is bound to the first RSA algorithm in the issuer's allow-list (RS256 by default), because RSA keys
 * alone cannot tell RS256 from PS256. Symmetric keys, encryption keys, RSA keys under 2048 bits and unknown key
 * types are dropped.
 */
final class KeyBinder {

	private static final int MIN_RSA_BITS = 2048;

	private KeyBinder() {
	}

	static Optional<VerificationKey> bind(JWK jwk, List<JWSAlgorithm> allowed) {
		if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
			return Optional.empty();
		}
		if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
			return Optional.empty();
		}
		JWSAlgorithm algorithm = algorithmOf(jwk, allowed);
		if (algorithm == null || !allowed.contains(algorithm)) {
			return Optional.empty();
		}
		try {
			if (jwk instanceof RSAKey rsa && SupportedAlgorithms.isRsa(algorithm) && rsa.size() >= MIN_RSA_BITS) {
				return Optional.of(new VerificationKey(jwk.getKeyID(), algorithm, new RSASSAVerifier(rsa.toPublicJWK())));
			}
			if (jwk instanceof ECKey ec && Curve.forJWSAlgorithm(algorithm) != null
					&& Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve())) {
				return Optional.of(new VerificationKey(jwk.getKeyID(), algorithm, new ECDSAVerifier(ec.toPublicJWK())));
			}
			if (jwk instanceof OctetKeyPair okp && SupportedAlgorithms.isEdwards(algorithm)) {
				return Optional.of(new VerificationKey(jwk.getKeyID(), algorithm, new Ed25519Verifier(okp)));
			}
		}
		catch (JOSEException ex) {
			return Optional.empty();
		}
		return Optional.empty();
	}

	private static JWSAlgorithm algorithmOf(JWK jwk, List<JWSAlgorithm> allowed) {
		if (jwk.getAlgorithm() != null) {
			return SupportedAlgorithms.byName(jwk.getAlgorithm().getName());
		}
		if (jwk instanceof ECKey ec) {
			Curve curve = ec.getCurve();
			if (Curve.P_256.equals(curve)) {
				return JWSAlgorithm.ES256;
			}
			if (Curve.P_384.equals(curve)) {
				return JWSAlgorithm.ES384;
			}
			return Curve.P_521.equals(curve) ? JWSAlgorithm.ES512 : null;
		}
		if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
			return allowed.contains(JWSAlgorithm.EdDSA) ? JWSAlgorithm.EdDSA : JWSAlgorithm.Ed25519;
		}
		if (jwk instanceof RSAKey) {
			return allowed.stream().filter(SupportedAlgorithms::isRsa).findFirst().orElse(null);
		}
		return null;
	}

}
