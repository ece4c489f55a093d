package dev.tollgate.devauth;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.security.SecureRandom;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The server's signing keys: one current RSA (RS256) and one current EC P-256 (ES256) key, plus every key that was
 * current before a rotation. All of them stay published in the JWKS so that tokens signed before a rotation still
 * verify (the overlap a rotating issuer must provide).
 */
final class DevSigningKeys implements JWKSource<SecurityContext> {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Immutable snapshot, replaced as a whole on rotation so readers never see a half-rotated state. */
	private record Snapshot(RSAKey rsa, ECKey ec, JWKSet all) {
	}

	private volatile Snapshot snapshot;

	DevSigningKeys() {
		RSAKey rsa = newRsaKey();
		ECKey ec = newEcKey();
		this.snapshot = new Snapshot(rsa, ec, new JWKSet(List.of(rsa, ec)));
	}

	/** Makes fresh RSA and EC keys current; the previous keys remain in the set for verification only. */
	synchronized void rotate() {
		RSAKey rsa = newRsaKey();
		ECKey ec = newEcKey();
		List<JWK> keys = new ArrayList<>();
		keys.add(rsa);
		keys.add(ec);
		keys.addAll(this.snapshot.all().getKeys());
		this.snapshot = new Snapshot(rsa, ec, new JWKSet(keys));
	}

	/** The key id that signs new tokens of the given algorithm. */
	String currentKeyId(DevClient.SigningAlgorithm algorithm) {
		Snapshot s = this.snapshot;
		return (algorithm == DevClient.SigningAlgorithm.ES256) ? s.ec().getKeyID() : s.rsa().getKeyID();
	}

	/** Public keys only, as published at the JWKS endpoint. */
	JWKSet publicKeys() {
		return this.snapshot.all().toPublicJWKSet();
	}

	@Override
	public List<JWK> get(JWKSelector jwkSelector, SecurityContext context) {
		return jwkSelector.select(this.snapshot.all());
	}

	private static RSAKey newRsaKey() {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId("rsa"))
				.algorithm(JWSAlgorithm.RS256)
				.keyUse(KeyUse.SIGNATURE)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot generate an RSA key", ex);
		}
	}

	private static ECKey newEcKey() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(keyId("ec"))
				.algorithm(JWSAlgorithm.ES256)
				.keyUse(KeyUse.SIGNATURE)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot generate an EC key", ex);
		}
	}

	private static String keyId(String prefix) {
		byte[] bytes = new byte[6];
		RANDOM.nextBytes(bytes);
		return prefix + "-" + HexFormat.of().formatHex(bytes);
	}

}
