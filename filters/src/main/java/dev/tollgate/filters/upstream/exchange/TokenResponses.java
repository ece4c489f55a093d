package dev.tollgate.filters.upstream.exchange;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads token-endpoint bodies strictly: a response the gateway cannot fully trust is a dependency failure, never a
 * token forwarded upstream.
 */
final class TokenResponses {

	static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

	static final String JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";

	/** RFC 6750 §2.1 b64token: what may follow "Bearer " without breaking the header (no spaces, CR or LF). */
	private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

	private static final int MAX_TOKEN_LENGTH = 16 * 1024;

	private static final Set<String> ACCEPTED_ISSUED_TYPES = Set.of(ACCESS_TOKEN_TYPE, JWT_TOKEN_TYPE);

	private static final JsonMapper JSON = JsonMapper.shared();

	private TokenResponses() {
	}

	/**
	 * Parses a successful answer.
	 * @param exchange whether this answers a token-exchange request, which must name {@code issued_token_type}
	 * (RFC 8693 §2.2.1)
	 * @return the token, or {@code null} when the body is not an acceptable token response
	 */
	static IssuedToken parseSuccess(byte[] body, boolean exchange) {
		JsonNode root = read(body);
		if (root == null) {
			return null;
		}
		String token = text(root, "access_token");
		if (token == null || token.length() > MAX_TOKEN_LENGTH || !B64TOKEN.matcher(token).matches()) {
			return null;
		}
		// RFC 8693 §2.2.1: N_A when the issued token is not an access token; we forward it as a bearer token either
		// way. DPoP-bound or other token types cannot be forwarded as "Bearer" and are refused.
		String tokenType = text(root, "token_type");
		if (tokenType == null || !("bearer".equalsIgnoreCase(tokenType) || "N_A".equals(tokenType))) {
			return null;
		}
		String issuedType = text(root, "issued_token_type");
		if (exchange && (issuedType == null || !ACCEPTED_ISSUED_TYPES.contains(issuedType))) {
			return null;
		}
		Duration expiresIn = null;
		JsonNode exp = root.get("expires_in");
		if (exp != null && !exp.isNull()) {
			Long seconds = seconds(exp);
			if (seconds == null || seconds <= 0) {
				return null;
			}
			expiresIn = Duration.ofSeconds(seconds);
		}
		return new IssuedToken(token, issuedType, expiresIn);
	}

	/** The RFC 6749 §5.2 {@code error} code of an error answer, or {@code null} when there is none. */
	static String errorCode(byte[] body) {
		JsonNode root = read(body);
		String code = (root != null) ? text(root, "error") : null;
		// Bounded: an error code is a short ASCII token; anything else is treated as missing.
		return (code != null && code.matches("[a-z_]{1,40}")) ? code : null;
	}

	private static JsonNode read(byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try {
			JsonNode root = JSON.readTree(body);
			return (root != null && root.isObject()) ? root : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String text(JsonNode root, String field) {
		JsonNode node = root.get(field);
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

	private static Long seconds(JsonNode node) {
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.longValue();
		}
		// Some servers send "3600" as a string; accept digits only.
		if (node.isString() && node.stringValue().matches("\\d{1,9}")) {
			return Long.parseLong(node.stringValue());
		}
		return null;
	}

}
