package dev.tollgate.filters.upstream.exchange;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Cache key of one exchange: the SHA-256 of the subject token (never the token), the profile, the target and the
 * sorted scopes. Two callers never share an entry because their subject tokens differ. The digest is held as four
 * longs: comparing them is cheaper than comparing an encoded string, and nothing reversible is kept.
 */
record ExchangeKey(long h0, long h1, long h2, long h3, String profile, String audience, String resource,
		List<String> scopes) {

	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(ExchangeKey::newDigest);

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	static ExchangeKey of(String subjectToken, ExchangeRequest request) {
		MessageDigest digest = SHA256.get();
		digest.reset();
		// UTF-8, not US-ASCII: ASCII would map every non-ASCII character to '?' and let distinct tokens collide.
		// For the ASCII tokens that reach this point it is the same bytes, on the same fast path.
		byte[] hash = digest.digest(subjectToken.getBytes(StandardCharsets.UTF_8));
		return new ExchangeKey((long) LONGS.get(hash, 0), (long) LONGS.get(hash, 8), (long) LONGS.get(hash, 16),
				(long) LONGS.get(hash, 24), request.profile(), request.audience(), request.resource(),
				request.scopes());
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
