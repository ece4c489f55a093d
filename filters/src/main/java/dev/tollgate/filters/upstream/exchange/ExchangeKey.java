package dev.tollgate.filters.upstream.exchange;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

import dev.tollgate.filters.core.TokenFingerprint;

/**
 * Cache key of one exchange: the SHA-256 of the subject token (never the token: its {@link TokenFingerprint},
 * computed once per request and shared with the verified-token cache), the profile, the target and the sorted scopes. Two callers never share an entry because their subject tokens differ. The digest is held as four
 * longs: comparing them is cheaper than comparing an encoded string, and nothing reversible is kept.
 */
record ExchangeKey(long h0, long h1, long h2, long h3, String profile, String audience, String resource,
		List<String> scopes) {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	static ExchangeKey of(String subjectToken, ExchangeRequest request) {
		return ofFingerprint(TokenFingerprint.of(subjectToken), request);
	}

	/** @param fingerprint the subject token's {@link TokenFingerprint}: its SHA-256, computed once per request */
	static ExchangeKey ofFingerprint(String fingerprint, ExchangeRequest request) {
		byte[] hash = Base64.getUrlDecoder().decode(fingerprint);
		return new ExchangeKey((long) LONGS.get(hash, 0), (long) LONGS.get(hash, 8), (long) LONGS.get(hash, 16),
				(long) LONGS.get(hash, 24), request.profile(), request.audience(), request.resource(),
				request.scopes());
	}


}
