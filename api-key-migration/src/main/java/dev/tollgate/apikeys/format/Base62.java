package dev.tollgate.apikeys.format;

import java.security.SecureRandom;

/** Base62 ({@code 0-9A-Za-z}): no separators, so key parts split unambiguously on {@code _} and survive URLs. */
final class Base62 {

	static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private Base62() {
	}

	/** {@code length} uniformly random base62 characters (rejection sampling, so no modulo bias). */
	static String random(SecureRandom random, int length) {
		StringBuilder sb = new StringBuilder(length);
		byte[] buffer = new byte[length * 2];
		while (sb.length() < length) {
			random.nextBytes(buffer);
			for (int i = 0; i < buffer.length && sb.length() < length; i++) {
				int v = buffer[i] & 0x3f;
				if (v < 62) {
					sb.append(ALPHABET.charAt(v));
				}
			}
		}
		return sb.toString();
	}

	/** {@code value} (unsigned) in base62, left-padded with {@code 0} to {@code width} characters. */
	static String encode(long value, int width) {
		char[] out = new char[width];
		long v = value;
		for (int i = width - 1; i >= 0; i--) {
			out[i] = ALPHABET.charAt((int) (v % 62));
			v /= 62;
		}
		return new String(out);
	}

	/** True when every character of {@code s} in {@code [from, to)} is base62; looks at every character. */
	static boolean isBase62(String s, int from, int to) {
		boolean ok = true;
		for (int i = from; i < to; i++) {
			char c = s.charAt(i);
			ok &= (c >= '0' && c <= '9') | (c >= 'A' && c <= 'Z') | (c >= 'a' && c <= 'z');
		}
		return ok;
	}

}
