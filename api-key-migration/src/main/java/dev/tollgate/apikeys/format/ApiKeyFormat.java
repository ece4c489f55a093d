package dev.tollgate.apikeys.format;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * Tollgate's key format: {@code tg_<keyId>_<secret>_<checksum>}, e.g.
 * {@code tg_7Hq2mZkP0aLx_Qm4...(32 chars)..._0bX9kE}.
 * <ul>
 * <li>{@code tg_}: a fixed prefix so secret scanners can find leaked keys with the regular expression
 * {@link #SCANNER_REGEX};</li>
 * <li>key id: 12 base62 characters, public, names the key in logs, metrics and the admin tools;</li>
 * <li>secret: 32 base62 characters from {@link SecureRandom}, about 190 bits;</li>
 * <li>checksum: CRC32 of everything before it, 6 base62 characters, so typos and truncated or made-up keys are
 * rejected without touching the store (the checksum is not a secret and proves nothing).</li>
 * </ul>
 * Presented strings that do not start with the prefix are treated as possible legacy keys: any visible ASCII string
 * of 8 to 1024 characters, looked up by hash.
 */
public final class ApiKeyFormat {

	/** The prefix of every Tollgate key. */
	public static final String PREFIX = "tg_";

	/** A regular expression matching exactly Tollgate keys, for secret scanners. */
	public static final String SCANNER_REGEX = "\\btg_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}_[0-9A-Za-z]{6}\\b";

	static final int KEY_ID_LENGTH = 12;

	static final int SECRET_LENGTH = 32;

	static final int CHECKSUM_LENGTH = 6;

	/** Length of a Tollgate key. */
	public static final int LENGTH = PREFIX.length() + KEY_ID_LENGTH + 1 + SECRET_LENGTH + 1 + CHECKSUM_LENGTH;

	static final int LEGACY_MIN_LENGTH = 8;

	static final int LEGACY_MAX_LENGTH = 1024;

	private final SecureRandom random;

	public ApiKeyFormat() {
		this(new SecureRandom());
	}

	ApiKeyFormat(SecureRandom random) {
		this.random = random;
	}

	/** A new random key id (the public part). */
	public String newKeyId() {
		return Base62.random(this.random, KEY_ID_LENGTH);
	}

	/** A new key for {@code keyId}; the caller shows it once and keeps only {@link KeyHash#of(String)}. */
	public String newKey(String keyId) {
		if (keyId.length() != KEY_ID_LENGTH || !Base62.isBase62(keyId, 0, KEY_ID_LENGTH)) {
			throw new IllegalArgumentException("key id must be " + KEY_ID_LENGTH + " base62 characters");
		}
		String body = PREFIX + keyId + "_" + Base62.random(this.random, SECRET_LENGTH);
		return body + "_" + checksum(body);
	}

	/**
	 * Classifies a presented string and hashes it unless it is malformed. Never throws, never logs.
	 */
	public static PresentedKey inspect(String presented) {
		if (presented == null) {
			return new PresentedKey(PresentedKey.Kind.MALFORMED, null, null);
		}
		if (presented.startsWith(PREFIX)) {
			return wellFormed(presented)
					? new PresentedKey(PresentedKey.Kind.TOLLGATE, keyIdOf(presented), KeyHash.of(presented))
					: new PresentedKey(PresentedKey.Kind.MALFORMED, null, null);
		}
		if (presented.length() < LEGACY_MIN_LENGTH || presented.length() > LEGACY_MAX_LENGTH
				|| !visibleAscii(presented)) {
			return new PresentedKey(PresentedKey.Kind.MALFORMED, null, null);
		}
		return new PresentedKey(PresentedKey.Kind.LEGACY, null, KeyHash.of(presented));
	}

	/** True when {@code presented} is a Tollgate key with a valid checksum. */
	public static boolean wellFormed(String presented) {
		if (presented.length() != LENGTH || !presented.startsWith(PREFIX)) {
			return false;
		}
		int idEnd = PREFIX.length() + KEY_ID_LENGTH;
		int secretEnd = idEnd + 1 + SECRET_LENGTH;
		boolean ok = presented.charAt(idEnd) == '_' & presented.charAt(secretEnd) == '_';
		ok &= Base62.isBase62(presented, PREFIX.length(), idEnd);
		ok &= Base62.isBase62(presented, idEnd + 1, secretEnd);
		ok &= Base62.isBase62(presented, secretEnd + 1, LENGTH);
		return ok && checksum(presented.substring(0, secretEnd)).equals(presented.substring(secretEnd + 1));
	}

	/** The key id of a well-formed Tollgate key. */
	public static String keyIdOf(String wellFormedKey) {
		return wellFormedKey.substring(PREFIX.length(), PREFIX.length() + KEY_ID_LENGTH);
	}

	/** True when {@code keyId} has the shape of a Tollgate key id. */
	public static boolean isKeyId(String keyId) {
		return keyId != null && keyId.length() == KEY_ID_LENGTH && Base62.isBase62(keyId, 0, KEY_ID_LENGTH);
	}

	static String checksum(String body) {
		CRC32 crc = new CRC32();
		crc.update(body.getBytes(StandardCharsets.US_ASCII));
		return Base62.encode(crc.getValue(), CHECKSUM_LENGTH);
	}

	private static boolean visibleAscii(String s) {
		boolean ok = true;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			ok &= c > 0x20 && c < 0x7f;
		}
		return ok;
	}

}
