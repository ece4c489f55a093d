package dev.tollgate.filters.authn.jwks;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

/**
 * Verifies Ed25519 signatures ({@code EdDSA}, RFC 8037; {@code Ed25519}, RFC 9864) with the JDK's own provider,
 * so the gateway needs no Tink dependency.
 */
public final class Ed25519Verifier implements JWSVerifier {

	/** SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410 §4): the raw 32-byte key follows. */
	private static final byte[] SPKI_PREFIX = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21,
			0x00 };

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

	private final PublicKey publicKey;

	private final JCAContext context = new JCAContext();

	public Ed25519Verifier(OctetKeyPair jwk) throws JOSEException {
		if (!Curve.Ed25519.equals(jwk.getCurve())) {
			throw new JOSEException("Not an Ed25519 key");
		}
		byte[] raw = jwk.getDecodedX();
		if (raw.length != 32) {
			throw new JOSEException("Ed25519 key must be 32 bytes");
		}
		byte[] spki = new byte[SPKI_PREFIX.length + raw.length];
		System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
		System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
		try {
			this.publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
		}
		catch (GeneralSecurityException ex) {
			throw new JOSEException("Invalid Ed25519 key", ex);
		}
	}

	@Override
	public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
		if (!ALGORITHMS.contains(header.getAlgorithm())) {
			return false;
		}
		byte[] sig = signature.decode();
		if (sig.length != 64) {
			return false;
		}
		try {
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(this.publicKey);
			verifier.update(signingInput);
			return verifier.verify(sig);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	@Override
	public Set<JWSAlgorithm> supportedJWSAlgorithms() {
		return ALGORITHMS;
	}

	@Override
	public JCAContext getJCAContext() {
		return this.context;
	}

}
