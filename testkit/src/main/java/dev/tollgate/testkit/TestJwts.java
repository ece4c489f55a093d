package dev.tollgate.testkit;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Signs arbitrary JWTs at test time, mostly for negative tests: each test changes one thing of a token that is
 * otherwise valid. {@code TestJwts.jwt().build()} is an RFC 9068 access token: {@code typ: at+jwt}, RS256 with
 * {@link TestKeys#rsa1()} ({@code kid: rsa-1}), issuer {@value #DEFAULT_ISSUER}, audience
 * {@value #DEFAULT_AUDIENCE}, subject and client id {@value #DEFAULT_CLIENT_ID}, scope {@value #DEFAULT_SCOPE},
 * {@code iat} now, {@code exp} in five minutes, random {@code jti}.
 */
public final class TestJwts {

	public static final String DEFAULT_ISSUER = "https://issuer.test";
	public static final String DEFAULT_AUDIENCE = "https://tollgate.test";
	public static final String DEFAULT_CLIENT_ID = "agent-test";
	public static final String DEFAULT_SCOPE = "orders:read";

	private TestJwts() {
	}

	public static TestJwtBuilder jwt() {
		return new TestJwtBuilder();
	}

	/** The same token without its signature ({@code header.payload.}). RFC 7515 §5.2 must reject it. */
	public static String stripSignature(String compact) {
		String[] parts = split(compact);
		return parts[0] + "." + parts[1] + ".";
	}

	/**
	 * The same ECDSA token with r = s = 0 (CVE-2022-21449, "psychic signatures"): a verifier that skips the range
	 * check accepts it for any payload.
	 */
	public static String zeroEcdsaSignature(String compact) {
		String[] parts = split(compact);
		String alg = String.valueOf(header(compact).get("alg"));
		int size = switch (alg) {
			case "ES256" -> 64;
			case "ES384" -> 96;
			case "ES512" -> 132;
			default -> throw new IllegalArgumentException("not an ECDSA token: alg " + alg);
		};
		return parts[0] + "." + parts[1] + "." + Base64URL.encode(new byte[size]);
	}

	/** The token with one payload claim changed and the original signature kept (an altered-payload attack). */
	public static String alterClaim(String compact, String claim, Object value) {
		String[] parts = split(compact);
		Map<String, Object> payload = decode(parts[1]);
		payload.put(claim, value);
		return parts[0] + "." + encode(payload) + "." + parts[2];
	}

	/** The decoded JOSE header of a compact token (no verification). */
	public static Map<String, Object> header(String compact) {
		return decode(split(compact)[0]);
	}

	/** The decoded claims of a compact token (no verification). */
	public static Map<String, Object> claims(String compact) {
		return decode(split(compact)[1]);
	}

	static String encode(Map<String, Object> json) {
		return Base64URL.encode(JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8)).toString();
	}

	private static Map<String, Object> decode(String part) {
		try {
			return new LinkedHashMap<>(JSONObjectUtils.parse(new Base64URL(part).decodeToString()));
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("not a JSON object", ex);
		}
	}

	private static String[] split(String compact) {
		String[] parts = compact.split("\\.", -1);
		if (parts.length != 3) {
			throw new IllegalArgumentException("not a compact JWS: " + parts.length + " parts");
		}
		return parts;
	}

}
