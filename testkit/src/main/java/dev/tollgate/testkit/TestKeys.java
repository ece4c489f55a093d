package dev.tollgate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Checked-in, TEST-ONLY signing keys (private parts included) under {@code dev/tollgate/testkit/keys/}: stable
 * across runs, so a test can name a key by its {@code kid}. Each has {@code kid}, {@code alg} and {@code use: sig}.
 */
public final class TestKeys {

	private static final RSAKey RSA_1 = (RSAKey) load("rsa-1");
	private static final RSAKey RSA_2 = (RSAKey) load("rsa-2");
	private static final RSAKey RSA_PS_1 = (RSAKey) load("rsa-ps-1");
	private static final ECKey EC_1 = (ECKey) load("ec-1");
	private static final ECKey EC_2 = (ECKey) load("ec-2");
	private static final OctetKeyPair ED_1 = (OctetKeyPair) load("ed-1");

	private TestKeys() {
	}

	/** RSA 2048, {@code kid: rsa-1}, RS256. The default signing key of {@link TestJwts}. */
	public static RSAKey rsa1() {
		return RSA_1;
	}

	/** RSA 2048, {@code kid: rsa-2}, RS256: a second key for rotation and wrong-key tests. */
	public static RSAKey rsa2() {
		return RSA_2;
	}

	/** RSA 2048, {@code kid: rsa-ps-1}, PS256: an issuer key bound to RSASSA-PSS rather than PKCS #1 v1.5. */
	public static RSAKey rsaPs1() {
		return RSA_PS_1;
	}

	/** EC P-256, {@code kid: ec-1}, ES256. */
	public static ECKey ec1() {
		return EC_1;
	}

	/** EC P-256, {@code kid: ec-2}, ES256: a second key for rotation and wrong-key (attacker) tests. */
	public static ECKey ec2() {
		return EC_2;
	}

	/** Ed25519, {@code kid: ed-1}, EdDSA. */
	public static OctetKeyPair ed1() {
		return ED_1;
	}

	/** A JWK set of the public halves of the given keys, as an issuer would publish it. */
	public static JWKSet publicJwkSet(JWK... keys) {
		List<JWK> list = Arrays.stream(keys).map(JWK::toPublicJWK).toList();
		return new JWKSet(list);
	}

	/**
	 * The same key without its {@code alg} member, as issuers publish keys they bind by type or curve alone
	 * (RFC 7517 §4.4: {@code alg} is optional). To sign with it, name the algorithm: {@code algorithm(..)}.
	 */
	public static JWK withoutAlgorithm(JWK key) {
		Map<String, Object> json = key.toJSONObject();
		json.remove("alg");
		try {
			return JWK.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("unparseable copy of " + key.getKeyID(), ex);
		}
	}

	private static JWK load(String kid) {
		String path = "keys/" + kid + ".json";
		try (InputStream in = TestKeys.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("missing test key resource " + path);
			}
			return JWK.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException | ParseException ex) {
			throw new IllegalStateException("unreadable test key " + kid, ex);
		}
	}

}
