package dev.tollgate.admin;

/**
 * Caller-controlled text made safe for one log field: control characters (CR and LF above all, which would forge
 * log lines), line and paragraph separators, {@code "} and {@code \} are escaped, and long values are cut.
 */
final class LogText {

	private static final int MAX = 200;

	private LogText() {
	}

	static String escape(String value) {
		if (value == null) {
			return "-";
		}
		int length = Math.min(value.length(), MAX);
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
					if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
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

}
