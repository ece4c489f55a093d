package dev.tollgate.testkit;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.util.Base64URL;

/** Builder returned by {@link TestJwts#jwt()}; every setter replaces one default. */
public final class TestJwtBuilder {

	private final Map<String, Object> claims = new LinkedHashMap<>();
	private final Map<String, Object> headers = new LinkedHashMap<>();
	private final Set<String> nullClaims = new LinkedHashSet<>();
	private Clock clock = Clock.systemUTC();
	private Instant issuedAt;
	private Instant expiresAt;
	private Duration expiresIn = Duration.ofMinutes(5);
	private JWK key = TestKeys.rsa1();
	private JWSAlgorithm algorithm;
	private String rawHeader;
	private String rawPayload;
	private String signature;

	TestJwtBuilder() {
		this.headers.put("typ", "at+jwt");
		this.claims.put("iss", TestJwts.DEFAULT_ISSUER);
		this.claims.put("sub", TestJwts.DEFAULT_CLIENT_ID);
		this.claims.put("aud", TestJwts.DEFAULT_AUDIENCE);
		this.claims.put("client_id", TestJwts.DEFAULT_CLIENT_ID);
		this.claims.put("scope", TestJwts.DEFAULT_SCOPE);
		this.claims.put("jti", UUID.randomUUID().toString());
	}

	public TestJwtBuilder issuer(String issuer) {
		return claim("iss", issuer);
	}

	/** One audience is written as a string, several as an array, none removes {@code aud}. */
	public TestJwtBuilder audience(String... audiences) {
		return claim("aud", (audiences.length == 0) ? null : (audiences.length == 1) ? audiences[0] : List.of(audiences));
	}

	public TestJwtBuilder subject(String subject) {
		return claim("sub", subject);
	}

	public TestJwtBuilder clientId(String clientId) {
		return claim("client_id", clientId);
	}

	/** Space-delimited scope string (RFC 9068 §2.2.3); {@code null} removes it. */
	public TestJwtBuilder scope(String scope) {
		return claim("scope", scope);
	}

	public TestJwtBuilder jwtId(String jti) {
		return claim("jti", jti);
	}

	/** {@code exp} relative to the builder's clock; default five minutes. Negative for an expired token. */
	public TestJwtBuilder expiresIn(Duration duration) {
		this.expiresIn = duration;
		this.expiresAt = null;
		return this;
	}

	public TestJwtBuilder expiresAt(Instant instant) {
		this.expiresAt = instant;
		return this;
	}

	/** Leaves {@code exp} out entirely. */
	public TestJwtBuilder withoutExpiry() {
		this.expiresIn = null;
		this.expiresAt = null;
		return this;
	}

	public TestJwtBuilder notBefore(Instant instant) {
		return claim("nbf", instant.getEpochSecond());
	}

	public TestJwtBuilder issuedAt(Instant instant) {
		this.issuedAt = instant;
		return this;
	}

	/** The time {@code iat} and relative {@code exp} are computed from. */
	public TestJwtBuilder clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	/** Any claim with any JSON value (strings, numbers, booleans, lists, maps); {@code null} removes it. */
	public TestJwtBuilder claim(String name, Object value) {
		this.nullClaims.remove(name);
		if (value == null) {
			this.claims.remove(name);
		}
		else {
			this.claims.put(name, (value instanceof Instant instant) ? instant.getEpochSecond() : value);
		}
		return this;
	}

	/**
	 * Writes the claim with the JSON value {@code null} ({@code "nbf": null}), which a parser hands over like an
	 * absent claim; replaces any value set or defaulted for it (also {@code iat} and {@code exp}).
	 */
	public TestJwtBuilder nullClaim(String name) {
		this.claims.remove(name);
		this.nullClaims.add(name);
		return this;
	}

	/** {@code typ} header; {@code null} removes it. */
	public TestJwtBuilder type(String type) {
		return header("typ", type);
	}

	/** {@code kid} header; default the signing key's id; {@code null} removes it. */
	public TestJwtBuilder keyId(String keyId) {
		this.headers.put("kid", keyId);
		return this;
	}

	/**
	 * Any JOSE header (e.g. {@code crit}, {@code jku}, {@code jwk}, {@code x5u}); {@code null} removes it. Also
	 * {@code alg}: the header then names it while the signature is still made with {@link #algorithm} or the key's.
	 */
	public TestJwtBuilder header(String name, Object value) {
		this.headers.put(name, value);
		return this;
	}

	/** Signing key; also the default {@code kid} and (via the key's {@code alg}) algorithm. */
	public TestJwtBuilder signWith(JWK key) {
		this.key = key;
		return this;
	}

	/** The {@code alg} to sign with, overriding the key's own {@code alg}. */
	public TestJwtBuilder algorithm(JWSAlgorithm algorithm) {
		this.algorithm = algorithm;
		return this;
	}

	/** Uses this exact header JSON (even malformed), ignoring every header setter. */
	public TestJwtBuilder rawHeader(String json) {
		this.rawHeader = json;
		return this;
	}

	/** Uses this exact payload JSON (even malformed), ignoring every claim setter. */
	public TestJwtBuilder rawPayload(String json) {
		this.rawPayload = json;
		return this;
	}

	/**
	 * Replaces the signature segment with this text, verbatim (empty, all zeros, not base64url at all...), for
	 * tokens whose header claims what the signature does not deliver, e.g. {@code header("alg", "none")} with
	 * {@code signature("")}. The signing key is still used to produce (then discard) a signature.
	 */
	public TestJwtBuilder signature(String base64url) {
		this.signature = base64url;
		return this;
	}

	/** The signed compact JWS (with the {@link #signature(String) replaced signature}, if one was given). */
	public String build() {
		JWSAlgorithm alg = signingAlgorithm();
		String input = headerPart(alg.getName()) + "." + payloadPart();
		String signed = JwsSigning.sign(this.key, alg, input.getBytes(StandardCharsets.US_ASCII)).toString();
		return input + "." + ((this.signature != null) ? this.signature : signed);
	}

	/** {@code alg: none} and an empty signature (RFC 8725 §2.1); {@code none} spelled as given. */
	public String unsigned(String noneSpelling) {
		this.headers.remove("kid");
		return headerPart(noneSpelling) + "." + payloadPart() + ".";
	}

	/** {@code alg: none} with an empty signature. */
	public String unsigned() {
		return unsigned("none");
	}

	/**
	 * HS256 keyed with the PEM text of an RSA or EC public key: the algorithm-confusion attack (RFC 8725 §2.1)
	 * against verifiers that pick the algorithm from the token.
	 */
	public String hmacWithPublicKey(JWK publicKey) {
		try {
			PublicKey key = ((AsymmetricJWK) publicKey).toPublicKey();
			String pem = "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
					+ "\n-----END PUBLIC KEY-----\n";
			this.headers.putIfAbsent("kid", publicKey.getKeyID());
			return hmac(pem.getBytes(StandardCharsets.US_ASCII));
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("not an asymmetric public key", ex);
		}
	}

	/** HS256 with the given secret (at least 32 bytes). */
	public String hmac(byte[] secret) {
		this.key = new OctetSequenceKey.Builder(secret).build();
		this.algorithm = JWSAlgorithm.HS256;
		return build();
	}

	private JWSAlgorithm signingAlgorithm() {
		if (this.algorithm != null) {
			return this.algorithm;
		}
		if (this.key.getAlgorithm() != null) {
			return JWSAlgorithm.parse(this.key.getAlgorithm().getName());
		}
		throw new IllegalStateException("key " + this.key.getKeyID() + " has no alg; call algorithm(..)");
	}

	private String headerPart(String alg) {
		if (this.rawHeader != null) {
			return Base64URL.encode(this.rawHeader.getBytes(StandardCharsets.UTF_8)).toString();
		}
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("alg", alg);
		if (!this.headers.containsKey("kid") && this.key.getKeyID() != null && !"none".equalsIgnoreCase(alg)) {
			header.put("kid", this.key.getKeyID());
		}
		this.headers.forEach((name, value) -> {
			if (value != null) {
				header.put(name, value);
			}
		});
		return TestJwts.encode(header);
	}

	private String payloadPart() {
		if (this.rawPayload != null) {
			return Base64URL.encode(this.rawPayload.getBytes(StandardCharsets.UTF_8)).toString();
		}
		Instant now = this.clock.instant();
		Map<String, Object> payload = new LinkedHashMap<>(this.claims);
		payload.putIfAbsent("iat", ((this.issuedAt != null) ? this.issuedAt : now).getEpochSecond());
		Instant exp = (this.expiresAt != null) ? this.expiresAt
				: (this.expiresIn != null) ? now.plus(this.expiresIn) : null;
		if (exp != null) {
			payload.putIfAbsent("exp", exp.getEpochSecond());
		}
		for (String name : this.nullClaims) {
			payload.put(name, null);
		}
		return TestJwts.encode(payload);
	}

}
