package dev.tollgate.filters.authn.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * A builder of JWT access tokens, valid by default for {@link #ISSUER} and {@link #AUDIENCE}, so each test changes
 * only the claim or header it is about. Headers and claims are written verbatim, which lets tests build the
 * malformed and hostile tokens real parsers would refuse to produce.
 */
public final class TestTokens {

	public static final String ISSUER = "https://idp.test/realms/agents";

	public static final String AUDIENCE = "https://gateway.test/orders";

	private final Map<String, Object> header = new LinkedHashMap<>();

	private final Map<String, Object> claims = new LinkedHashMap<>();

	private JWK key = TestKeyPairs.RSA;

	private String rawHeader;

	private String rawPayload;

	private String signatureOverride;

	private TestTokens(Instant now) {
		this.header.put("alg", "RS256");
		this.header.put("typ", "at+jwt");
		this.header.put("kid", TestKeyPairs.RSA.getKeyID());
		this.claims.put("iss", ISSUER);
		this.claims.put("sub", "agent-7");
		this.claims.put("aud", AUDIENCE);
		this.claims.put("client_id", "agent-7");
		this.claims.put("scope", "orders:read orders:write");
		this.claims.put("iat", now.getEpochSecond());
		this.claims.put("exp", now.plusSeconds(300).getEpochSecond());
		this.claims.put("jti", "jti-" + System.nanoTime());
	}

	/**
	 * A valid RS256 access token issued at {@code now}, expiring 5 minutes later:
	 * <pre>
	 * {"alg":"RS256","typ":"at+jwt","kid":"rsa-1"}
	 * {"iss":ISSUER,"sub":"agent-7","aud":AUDIENCE,"client_id":"agent-7","scope":"orders:read orders:write",
	 *  "iat":now,"exp":now+300,"jti":...}
	 * </pre>
	 */
	public static TestTokens accessToken(Instant now) {
		return new TestTokens(now);
	}

	/** Sign with {@code key}, using its algorithm and kid in the header. */
	public TestTokens signedWith(JWK key) {
		this.key = key;
		JWSAlgorithm alg = (key.getAlgorithm() != null) ? JWSAlgorithm.parse(key.getAlgorithm().getName())
				: JWSAlgorithm.EdDSA;
		this.header.put("alg", alg.getName());
		this.header.put("kid", key.getKeyID());
		return this;
	}

	public TestTokens header(String name, Object value) {
		this.header.put(name, value);
		return this;
	}

	public TestTokens withoutHeader(String name) {
		this.header.remove(name);
		return this;
	}

	public TestTokens claim(String name, Object value) {
		this.claims.put(name, value);
		return this;
	}

	public TestTokens without(String name) {
		this.claims.remove(name);
		return this;
	}

	/** Use this exact JSON as the header. */
	public TestTokens rawHeader(String json) {
		this.rawHeader = json;
		return this;
	}

	/** Use this exact JSON as the payload. */
	public TestTokens rawPayload(String json) {
		this.rawPayload = json;
		return this;
	}

	/** Replace the signature segment (may be empty) after signing. */
	public TestTokens signature(String base64url) {
		this.signatureOverride = base64url;
		return this;
	}

	public String build() {
		String h = b64((this.rawHeader != null) ? this.rawHeader : JSONObjectUtils.toJSONString(this.header));
		String p = b64((this.rawPayload != null) ? this.rawPayload : JSONObjectUtils.toJSONString(this.claims));
		String signingInput = h + "." + p;
		if (this.signatureOverride != null) {
			return signingInput + "." + this.signatureOverride;
		}
		return signingInput + "." + sign(signingInput);
	}

	private String sign(String signingInput) {
		JWSSigner signer = TestKeyPairs.signer(this.key);
		JWSAlgorithm alg = JWSAlgorithm.parse((String) this.header.getOrDefault("alg", "RS256"));
		try {
			return signer.sign(new JWSHeader(alg), signingInput.getBytes(StandardCharsets.US_ASCII)).toString();
		}
		catch (JOSEException ex) {
			// Attack tokens name algorithms the key cannot sign with: sign with the key's own algorithm instead.
			JWSAlgorithm own = (this.key.getAlgorithm() != null) ? JWSAlgorithm.parse(this.key.getAlgorithm().getName())
					: JWSAlgorithm.EdDSA;
			try {
				return signer.sign(new JWSHeader(own), signingInput.getBytes(StandardCharsets.US_ASCII)).toString();
			}
			catch (JOSEException again) {
				throw new IllegalStateException(again);
			}
		}
	}

	public static String b64(String json) {
		return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
	}

	/** {@code [[[...]]]} nested {@code depth} deep. */
	public static String nestedArrays(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	public static List<String> list(String... values) {
		return List.of(values);
	}

}
