package dev.tollgate.testkit;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

/**
 * Signs a JWS signing input with any test key. Ed25519 goes through the JDK because nimbus' Ed25519 signer needs
 * Google Tink, which this project does not ship.
 */
final class JwsSigning {

	private JwsSigning() {
	}

	static Base64URL sign(JWK key, JWSAlgorithm algorithm, byte[] signingInput) {
		try {
			JWSHeader header = new JWSHeader(algorithm);
			if (key instanceof RSAKey rsa) {
				return new RSASSASigner(rsa).sign(header, signingInput);
			}
			if (key instanceof ECKey ec) {
				return new ECDSASigner(ec).sign(header, signingInput);
			}
			if (key instanceof OctetSequenceKey secret) {
				return new MACSigner(secret.toByteArray()).sign(header, signingInput);
			}
			if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
				return Base64URL.encode(ed25519Sign(okp, signingInput));
			}
		}
		catch (JOSEException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot sign with " + key.getKeyID() + " / " + algorithm, ex);
		}
		throw new IllegalArgumentException("unsupported key type for signing: " + key.getKeyType());
	}

	/** Verifies an Ed25519 signature with the JDK (for tests of this module and of EdDSA verifiers). */
	static boolean ed25519Verify(OctetKeyPair key, byte[] signingInput, byte[] signature) {
		try {
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(ed25519PublicKey(key));
			verifier.update(signingInput);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	/** JDK public key for an Ed25519 OKP (RFC 8037 §2: x is the RFC 8032 encoding). */
	static PublicKey ed25519PublicKey(OctetKeyPair key) throws GeneralSecurityException {
		byte[] encoded = key.getX().decode();
		// RFC 8032 §5.1.3: little-endian y; the top bit of the last byte is the sign of x.
		boolean xOdd = (encoded[encoded.length - 1] & 0x80) != 0;
		byte[] bigEndian = new byte[encoded.length];
		for (int i = 0; i < encoded.length; i++) {
			bigEndian[i] = encoded[encoded.length - 1 - i];
		}
		bigEndian[0] &= 0x7f;
		EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
		return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
	}

	private static byte[] ed25519Sign(OctetKeyPair key, byte[] signingInput) throws GeneralSecurityException {
		if (key.getD() == null) {
			throw new IllegalArgumentException("Ed25519 key " + key.getKeyID() + " has no private part");
		}
		Signature signer = Signature.getInstance("Ed25519");
		signer.initSign(KeyFactory.getInstance("Ed25519")
			.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, key.getD().decode())));
		signer.update(signingInput);
		return signer.sign();
	}

}
