package dev.tollgate.filters.upstream.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/** Client signing keys for {@code private_key_jwt} tests, generated per run and written where profiles load them. */
final class TestSigningKeys {

	private TestSigningKeys() {
	}

	static ECKey ecKey(String keyId) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Writes the private JWK as a JWK Set file and returns its path. */
	static Path writeJwkSet(Path dir, ECKey... keys) throws IOException {
		Path file = dir.resolve("client-" + keys[0].getKeyID() + ".jwks.json");
		Files.writeString(file, new JWKSet(java.util.List.of(keys)).toString(false));
		return file;
	}

	/** Writes one private JWK (not a set) and returns its path. */
	static Path writeJwk(Path dir, ECKey key) throws IOException {
		Path file = dir.resolve("client-" + key.getKeyID() + ".jwk.json");
		Files.writeString(file, key.toJSONString());
		return file;
	}

}
