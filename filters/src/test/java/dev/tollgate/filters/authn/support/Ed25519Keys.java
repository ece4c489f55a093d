package dev.tollgate.filters.authn.support;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

/** Ed25519 keys and signing with the JDK provider (nimbus needs Tink for these, which the gateway does not ship). */
public final class Ed25519Keys {

	private Ed25519Keys() {
	}

	/** A fresh key pair: the public OKP JWK and the JDK private key. */
	public static Pair generate(String kid) {
		try {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			byte[] spki = pair.getPublic().getEncoded();
			byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
			OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID(kid).build();
			return new Pair(jwk, pair.getPrivate());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** @param publicJwk the public key; @param privateKey the JDK private key */
	public record Pair(OctetKeyPair publicJwk, PrivateKey privateKey) {

		public JWSSigner signer() {
			return new JWSSigner() {

				@Override
				public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
					try {
						Signature signature = Signature.getInstance("Ed25519");
						signature.initSign(privateKey);
						signature.update(signingInput);
						return Base64URL.encode(signature.sign());
					}
					catch (GeneralSecurityException ex) {
						throw new JOSEException(ex.getMessage(), ex);
					}
				}

				@Override
				public Set<JWSAlgorithm> supportedJWSAlgorithms() {
					return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
				}

				@Override
				public JCAContext getJCAContext() {
					return new JCAContext();
				}

			};
		}

	}

}
