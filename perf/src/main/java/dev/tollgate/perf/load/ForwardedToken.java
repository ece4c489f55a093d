package dev.tollgate.perf.load;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Describes the credential an upstream received, for the run's notes: a JWT by its issuer, audience and client, so
 * the results show whether a gateway exchanged (issuer = authorization server) or minted (issuer = the gateway)
 * the token. Claims are read without verification: this is a label, not a security decision. Never prints a token.
 */
final class ForwardedToken {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ForwardedToken() {
	}

	static String describe(String authorization) {
		if (authorization == null || authorization.isBlank()) {
			return "no Authorization header";
		}
		if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return "a non-bearer Authorization header";
		}
		String[] parts = authorization.substring(7).trim().split("\\.");
		if (parts.length != 3) {
			return "an opaque bearer token";
		}
		try {
			Map<?, ?> claims = JSON.readValue(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8),
					Map.class);
			return "a JWT with iss=" + claims.get("iss") + ", aud=" + claims.get("aud") + ", client_id="
					+ claims.get("client_id") + ", sub=" + claims.get("sub");
		}
		catch (RuntimeException ex) {
			return "a bearer token that is not a readable JWT";
		}
	}

}
