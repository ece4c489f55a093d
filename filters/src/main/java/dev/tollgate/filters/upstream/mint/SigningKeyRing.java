package dev.tollgate.filters.upstream.mint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import org.springframework.core.io.Resource;

/**
 * The gateway's signing keys: one current key signs; retired keys stay published until every token they signed has
 * expired, so upstreams that cache the JWK set never see an unknown {@code kid}.
 */
public final class SigningKeyRing {

	private record Entry(JWK key, Instant retiredAt) {
	}

	private final Clock clock;

	private final JWSAlgorithm algorithm;

	private final Duration rotationInterval;

	private final Duration publishAfterRetirement;

	private final boolean generated;

	private volatile List<Entry> entries;

	private volatile Instant currentSince;

	private volatile JWKSet publicSet;

	private SigningKeyRing(Clock clock, JWSAlgorithm algorithm, Duration rotationInterval,
			Duration publishAfterRetirement, List<JWK> keys, boolean generated) {
		this.clock = clock;
		this.algorithm = algorithm;
		this.rotationInterval = rotationInterval;
		this.publishAfterRetirement = publishAfterRetirement;
		this.generated = generated;
		this.entries = keys.stream().map(k -> new Entry(k, null)).toList();
		this.currentSince = clock.instant();
		this.publicSet = publicSetOf(this.entries);
	}

	/** Keys generated in memory and rotated every {@code rotationInterval}. */
	public static SigningKeyRing generated(Clock clock, String algorithm, Duration rotationInterval, Duration ttl) {
		JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
		return new SigningKeyRing(clock, alg, rotationInterval, ttl.multipliedBy(2), List.of(generate(alg)), true);
	}

	/** Keys loaded from an operator-managed JWK set: the first private key signs, all are published. */
	public static SigningKeyRing fromResource(Clock clock, Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			JWKSet set = JWKSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			List<JWK> keys = set.getKeys();
			if (keys.isEmpty() || !keys.get(0).isPrivate() || keys.get(0).getKeyID() == null) {
				throw new IllegalArgumentException("tollgate.minting.signing-keys: the first key must be a private key"
						+ " with a kid");
			}
			JWK first = keys.get(0);
			JWSAlgorithm alg = (first.getAlgorithm() != null) ? JWSAlgorithm.parse(first.getAlgorithm().getName())
					: (first.getKeyType().getValue().equals("EC") ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256);
			return new SigningKeyRing(clock, alg, null, null, keys, false);
		}
		catch (IOException | java.text.ParseException ex) {
			throw new IllegalArgumentException("tollgate.minting.signing-keys: cannot read a JWK set from "
					+ resource.getDescription() + " (" + ex.getClass().getSimpleName() + ")");
		}
	}

	public JWSAlgorithm algorithm() {
		return this.algorithm;
	}

	/** The key to sign with now, rotating first when a generated key is due. */
	public JWK current() {
		rotateIfDue();
		return this.entries.get(0).key();
	}

	/** Public keys to publish at {@code /.well-known/jwks.json}. */
	public JWKSet publicKeys() {
		rotateIfDue();
		return this.publicSet;
	}

	/** Rotate now (generated keys only); the old key stays published for overlap. */
	public synchronized void rotate() {
		if (!this.generated) {
			return;
		}
		Instant now = this.clock.instant();
		List<Entry> next = new ArrayList<>();
		next.add(new Entry(generate(this.algorithm), null));
		for (Entry entry : this.entries) {
			Instant retiredAt = (entry.retiredAt() != null) ? entry.retiredAt() : now;
			if (retiredAt.plus(this.publishAfterRetirement).isAfter(now)) {
				next.add(new Entry(entry.key(), retiredAt));
			}
		}
		this.entries = List.copyOf(next);
		this.currentSince = now;
		this.publicSet = publicSetOf(this.entries);
	}

	private void rotateIfDue() {
		if (this.generated && !this.clock.instant().isBefore(this.currentSince.plus(this.rotationInterval))) {
			rotate();
		}
	}

	private static JWKSet publicSetOf(List<Entry> entries) {
		return new JWKSet(entries.stream().map(e -> e.key().toPublicJWK()).toList());
	}

	private static JWK generate(JWSAlgorithm alg) {
		try {
			String kid = "tollgate-" + UUID.randomUUID();
			if (JWSAlgorithm.EdDSA.equals(alg) || JWSAlgorithm.Ed25519.equals(alg)) {
				return Ed25519Signer.generate(kid, alg);
			}
			if (JWSAlgorithm.ES256.equals(alg)) {
				return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(alg).keyUse(KeyUse.SIGNATURE).generate();
			}
			return new RSAKeyGenerator(2048).keyID(kid).algorithm(alg).keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException | GeneralSecurityException ex) {
			throw new IllegalStateException("cannot generate a signing key", ex);
		}
	}

}
