package dev.tollgate.apikeys.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The only form in which a key is stored: SHA-256 of the whole presented string (UTF-8), as 64 lower-case hex
 * digits. Keys carry at least 128 random bits, so a fast unsalted hash is enough (no dictionary to attack); legacy
 * keys with less entropy are the reason they are being retired.
 */
public final class KeyHash {

	private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

	private KeyHash() {
	}

	/** SHA-256 of {@code presentedKey} as lower-case hex. */
	public static String of(String presentedKey) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(presentedKey.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	/** True when {@code value} looks like a hash made by {@link #of(String)} (used when importing by hash). */
	public static boolean isValid(String value) {
		return value != null && HEX_SHA256.matcher(value).matches();
	}

	/** Compares two hashes in time independent of where they differ. */
	public static boolean matches(String a, String b) {
		if (a == null || b == null) {
			return false;
		}
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
	}

}
