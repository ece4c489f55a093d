package dev.tollgate.filters.mcp.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import dev.tollgate.filters.core.CallerIdentity;

/**
 * Keys and owner fingerprints of session bindings. A key is hash-tagged per route and session
 * ({@code tollgate:mcp:{route.<hash>}}), so Redis Cluster spreads sessions; it holds a SHA-256 of the session id,
 * never the id itself, so whoever reads Redis cannot replay a session.
 */
public final class SessionKeys {

	private SessionKeys() {
	}

	public static String key(String prefix, String routeId, String sessionId) {
		return prefix + "{" + routeId + "." + sha256(sessionId) + "}";
	}

	/**
	 * Who owns a session: a hash of the credential kind, issuer, client id and subject of the caller that called
	 * {@code initialize} (MCP security best practices, session hijacking: bind the session to user-specific
	 * information).
	 */
	public static String owner(CallerIdentity caller) {
		return sha256(caller.kind() + "\n" + nullToEmpty(caller.issuer()) + "\n" + caller.clientId() + "\n"
				+ caller.subject());
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

	static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
