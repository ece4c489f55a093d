package dev.tollgate.filters.authn.support;

import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/** Signing keys for unit tests, generated once per JVM; each public JWK names its algorithm. */
public final class TestKeyPairs {

	public static final RSAKey RSA = rsa("rsa-1", JWSAlgorithm.RS256);

	public static final RSAKey RSA_PS = rsa("rsa-ps-1", JWSAlgorithm.PS256);

	public static final ECKey EC = ec("ec-1");

	public static final Ed25519Keys.Pair ED = Ed25519Keys.generate("ed-1");

	/** A key no issuer publishes: an attacker's. */
	public static final RSAKey ATTACKER = rsa("rsa-1", JWSAlgorithm.RS256);

	private TestKeyPairs() {
	}

	public static RSAKey rsa(String kid, JWSAlgorithm alg) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).algorithm(alg).keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static ECKey ec(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).keyUse(KeyUse.SIGNATURE)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static JWSSigner signer(JWK key) {
		try {
			if (key instanceof RSAKey rsa) {
				return new RSASSASigner(rsa);
			}
			if (key instanceof ECKey ec) {
				return new ECDSASigner(ec);
			}
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		if (key.getKeyID().equals(ED.publicJwk().getKeyID())) {
			return ED.signer();
		}
		throw new IllegalArgumentException("no signer for " + key.getKeyID());
	}

	/** The public JWKS document of the issuer's keys (RS256, PS256, ES256, EdDSA). */
	public static String publicJwks() {
		return jwks(RSA, RSA_PS, EC, ED.publicJwk()).toString();
	}

	public static JWKSet jwks(JWK... keys) {
		return new JWKSet(List.of(keys)).toPublicJWKSet();
	}

}
