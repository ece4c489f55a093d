package dev.tollgate.filters.upstream.exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * Cache key of one exchange: the SHA-256 of the subject token (never the token), the profile, the target and the
 * sorted scopes. Two callers never share an entry because their subject tokens differ.
 */
record ExchangeKey(String subjectHash, String profile, String audience, String resource, List<String> scopes) {

	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ExchangeKey::newDigest);

	static ExchangeKey of(String subjectToken, ExchangeRequest request) {
		return new ExchangeKey(hash(subjectToken), request.profile(), request.audience(), request.resource(),
				request.scopes());
	}

	/** Base64url SHA-256 of a credential; the only form in which a subject token outlives its request. */
	static String hash(String credential) {
		MessageDigest digest = SHA256.get();
		digest.reset();
		return Base64.getUrlEncoder().withoutPadding()
			.encodeToString(digest.digest(credential.getBytes(StandardCharsets.US_ASCII)));
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JRE", ex);
		}
	}

}
