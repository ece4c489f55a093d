package dev.tollgate.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * DPoP proofs (RFC 9449 §4.2) as an agent builds them, with every member changeable, so a test states only the one
 * it breaks: {@code TestDpopProofs.proof(key).method("GET").uri(url).accessToken(token).build()}.
 */
public final class TestDpopProofs {

	private TestDpopProofs() {
	}

	/** A proof signed with {@code key}, whose public half goes into the {@code jwk} header; fresh {@code jti}. */
	public static Builder proof(JWK key) {
		return new Builder(key);
	}

	/** RFC 7638 SHA-256 thumbprint of {@code key}'s public half: the token's {@code cnf.jkt}. */
	public static String thumbprint(JWK key) {
		try {
			return key.toPublicJWK().computeThumbprint("SHA-256").toString();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code ath} of an access token: base64url SHA-256 of its ASCII (RFC 9449 §4.2). */
	public static String ath(String accessToken) {
		try {
			return Base64URL.encode(MessageDigest.getInstance("SHA-256")
				.digest(accessToken.getBytes(StandardCharsets.US_ASCII))).toString();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Builder of one proof. */
	public static final class Builder {

		private final Map<String, Object> header = new LinkedHashMap<>();

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private JWK signingKey;

		private boolean fakeSignature;

		private Builder(JWK key) {
			this.signingKey = key;
			this.header.put("typ", "dpop+jwt");
			this.header.put("alg", defaultAlgorithm(key).getName());
			this.header.put("jwk", key.toPublicJWK().toJSONObject());
			this.claims.put("jti", UUID.randomUUID().toString());
			this.claims.put("htm", "GET");
			this.claims.put("iat", Instant.now().getEpochSecond());
		}

		public Builder method(String htm) {
			return claim("htm", htm);
		}

		public Builder uri(String htu) {
			return claim("htu", htu);
		}

		/** Sets {@code ath} to the hash of {@code token}. */
		public Builder accessToken(String token) {
			return claim("ath", ath(token));
		}

		public Builder issuedAt(Instant iat) {
			return claim("iat", iat.getEpochSecond());
		}

		public Builder jti(String jti) {
			return claim("jti", jti);
		}

		public Builder nonce(String nonce) {
			return claim("nonce", nonce);
		}

		/** Sets (or with {@code null} removes) a header member, e.g. {@code typ}, {@code alg}, {@code jwk}. */
		public Builder header(String name, Object value) {
			if (value == null) {
				this.header.remove(name);
			}
			else {
				this.header.put(name, value);
			}
			return this;
		}

		/** Sets (or with {@code null} removes) a claim. */
		public Builder claim(String name, Object value) {
			if (value == null) {
				this.claims.remove(name);
			}
			else {
				this.claims.put(name, value);
			}
			return this;
		}

		/** Signs with another key than the one in the {@code jwk} header (a forged proof). */
		public Builder signWith(JWK key) {
			this.signingKey = key;
			return this;
		}

		/**
		 * Puts 64 zero bytes where the signature goes instead of signing: for proofs that must fail a check before
		 * the signature's (an algorithm no key here can sign with, a key too weak to sign with).
		 */
		public Builder fakeSignature() {
			this.fakeSignature = true;
			return this;
		}

		public String build() {
			String input = Base64URL.encode(JSONObjectUtils.toJSONString(this.header)) + "."
					+ Base64URL.encode(JSONObjectUtils.toJSONString(this.claims));
			JWSAlgorithm alg = JWSAlgorithm.parse((String) this.header.getOrDefault("alg", "none"));
			if (JWSAlgorithm.NONE.equals(alg)) {
				return input + ".";
			}
			if (this.fakeSignature) {
				return input + "." + Base64URL.encode(new byte[64]);
			}
			return input + "." + JwsSigning.sign(this.signingKey, alg, input.getBytes(StandardCharsets.US_ASCII));
		}

		private static JWSAlgorithm defaultAlgorithm(JWK key) {
			if (key instanceof ECKey) {
				return JWSAlgorithm.ES256;
			}
			if (key instanceof OctetKeyPair) {
				return JWSAlgorithm.EdDSA;
			}
			return JWSAlgorithm.RS256;
		}

	}

}
