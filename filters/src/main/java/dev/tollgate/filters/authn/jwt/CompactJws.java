package dev.tollgate.filters.authn.jwt;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import dev.tollgate.filters.core.CallerFault;

/**
 * A compact JWS split and parsed, but not yet trusted. Parsing refuses, before any key is looked up: JWE and JSON
 * serialisations, {@code none} and every algorithm outside {@link SupportedAlgorithms}, {@code crit} and
 * {@code b64}, and JSON nested deeper than a small limit. Header parameters {@code jwk}, {@code jku}, {@code x5u}
 * and {@code x5c} are never read: the header handed to verifiers carries only {@code alg} (RFC 8725 §3.10).
 */
public final class CompactJws {

	private final Map<String, Object> claims;

	private final JWSHeader header;

	private final String keyId;

	private final String type;

	private final byte[] signingInput;

	private final Base64URL signature;

	private CompactJws(Map<String, Object> claims, JWSHeader header, String keyId, String type, byte[] signingInput,
			Base64URL signature) {
		this.claims = claims;
		this.header = header;
		this.keyId = keyId;
		this.type = type;
		this.signingInput = signingInput;
		this.signature = signature;
	}

	/**
	 * @param maxNestingDepth the deepest JSON nesting accepted in header and claims
	 * @throws CallerFault {@code invalid_token} with the failure's tag
	 */
	public static CompactJws parse(String token, int maxNestingDepth) {
		int first = token.indexOf('.');
		int second = (first < 0) ? -1 : token.indexOf('.', first + 1);
		if (second < 0) {
			throw TokenFailure.MALFORMED.fault();
		}
		if (token.indexOf('.', second + 1) >= 0) {
			// Five segments is a JWE (RFC 7516 §7.1); more is nothing.
			throw TokenFailure.UNSUPPORTED_FORMAT.fault();
		}
		String headerSegment = token.substring(0, first);
		String payloadSegment = token.substring(first + 1, second);
		String signatureSegment = token.substring(second + 1);
		if (headerSegment.isEmpty() || payloadSegment.isEmpty() || !isBase64Url(token)) {
			throw TokenFailure.MALFORMED.fault();
		}
		Map<String, Object> headerJson = json(headerSegment, maxNestingDepth);
		JWSAlgorithm algorithm = checkHeader(headerJson);
		Object kid = headerJson.get("kid");
		Object typ = headerJson.get("typ");
		if ((kid != null && !(kid instanceof String)) || (typ != null && !(typ instanceof String))) {
			throw TokenFailure.MALFORMED.fault();
		}
		Map<String, Object> claims = json(payloadSegment, maxNestingDepth);
		JWSHeader header = new JWSHeader.Builder(algorithm).keyID((String) kid).build();
		byte[] signingInput = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
		return new CompactJws(claims, header, (String) kid, (String) typ, signingInput,
				new Base64URL(signatureSegment));
	}

	private static JWSAlgorithm checkHeader(Map<String, Object> header) {
		if (header.containsKey("enc")) {
			throw TokenFailure.UNSUPPORTED_FORMAT.fault();
		}
		if (!(header.get("alg") instanceof String alg)) {
			throw TokenFailure.MALFORMED.fault();
		}
		JWSAlgorithm algorithm = SupportedAlgorithms.byName(alg);
		if (algorithm == null) {
			// none (in any case), HMAC, PBES2 and key-management algorithms all end here (RFC 8725 §3.1).
			throw TokenFailure.BAD_ALGORITHM.fault();
		}
		if (header.containsKey("crit") || header.containsKey("b64")) {
			// No extension is understood, so none may be critical (RFC 7515 §4.1.11); b64=false changes the input.
			throw TokenFailure.BAD_HEADER.fault();
		}
		return algorithm;
	}

	private static Map<String, Object> json(String segment, int maxNestingDepth) {
		String json;
		try {
			json = new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw TokenFailure.MALFORMED.fault();
		}
		if (JsonNesting.exceeds(json, maxNestingDepth)) {
			throw TokenFailure.MALFORMED.fault();
		}
		try {
			return JSONObjectUtils.parse(json);
		}
		catch (ParseException | RuntimeException ex) {
			throw TokenFailure.MALFORMED.fault();
		}
	}

	private static boolean isBase64Url(String token) {
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '.';
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	/** The unverified claims; trust nothing in them before the signature is verified. */
	public Map<String, Object> claims() {
		return this.claims;
	}

	/** A header holding only {@code alg} and {@code kid}, for the verifier. */
	public JWSHeader header() {
		return this.header;
	}

	public JWSAlgorithm algorithm() {
		return this.header.getAlgorithm();
	}

	/** {@code kid}, or {@code null}. */
	public String keyId() {
		return this.keyId;
	}

	/** {@code typ}, or {@code null}. */
	public String type() {
		return this.type;
	}

	/** The ASCII bytes of {@code header.payload} (RFC 7515 §5.2). */
	public byte[] signingInput() {
		return this.signingInput;
	}

	public Base64URL signature() {
		return this.signature;
	}

	/** True when the signature segment is empty: a stripped signature, refused without any key lookup. */
	public boolean isUnsigned() {
		return this.signature.toString().isEmpty();
	}

}
