package dev.tollgate.filters.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The SHA-256 of a token (UTF-8), Base64url: the only form in which a token is ever used as a cache key. Computed
 * once per request ({@link InboundCredential#fingerprint()}) and shared by every cache the request consults.
 */
public final class TokenFingerprint {

	// One digest per thread: MessageDigest.getInstance looks the provider up on every call, once per request here.
	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(TokenFingerprint::newDigest);

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private TokenFingerprint() {
	}

	public static String of(String token) {
		MessageDigest digest = SHA256.get();
		digest.reset();
		return BASE64URL.encodeToString(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
