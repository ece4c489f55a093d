package dev.tollgate.logs;

/**
 * The one escaper for caller-controlled text in a log field (client ids, subjects, issuers, key ids, paths, header
 * values, peers...): control characters (CR and LF above all, which would forge log lines), line and paragraph
 * separators, {@code "} and {@code \} are escaped, and long values are cut. It lives in the lowest module so every
 * module logs through it; the log pattern's {@code %replace} is only the backstop for a call site that forgets.
 *
 * @see <a href="https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html">OWASP logging cheat
 * sheet</a>
 */
public final class LogText {

	/** Longest value kept; the rest is replaced by {@code ...}. */
	public static final int MAX = 200;

	private LogText() {
	}

	/** {@code value} safe for one log field; {@code "-"} for {@code null}. */
	public static String escape(String value) {
		if (value == null) {
			return "-";
		}
		int length = Math.min(value.length(), MAX);
		if (length == value.length() && isPlain(value)) {
			return value;
		}
		StringBuilder out = new StringBuilder(length + 8);
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\r' -> out.append("\\r");
				case '\n' -> out.append("\\n");
				case '\t' -> out.append("\\t");
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (isControl(c)) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		if (value.length() > MAX) {
			out.append("...");
		}
		return out.toString();
	}

	/** The common case, ids made of printable characters, costs one scan and no allocation. */
	private static boolean isPlain(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\' || isControl(c)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isControl(char c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
	}

}
