package dev.tollgate.apikeys.phase;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code 15m}, {@code 2h}, {@code 30s}, {@code 7d} or ISO-8601 ({@code PT15M}). */
public final class Durations {

	private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})([smhd])");

	private Durations() {
	}

	public static Duration parse(String value) {
		String v = value.trim();
		Matcher m = SIMPLE.matcher(v.toLowerCase(Locale.ROOT));
		if (m.matches()) {
			long n = Long.parseLong(m.group(1));
			return switch (m.group(2)) {
				case "s" -> Duration.ofSeconds(n);
				case "m" -> Duration.ofMinutes(n);
				case "h" -> Duration.ofHours(n);
				default -> Duration.ofDays(n);
			};
		}
		try {
			return Duration.parse(v);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("malformed duration '" + value + "' (e.g. 15m, 2h, 7d or PT15M)");
		}
	}

}
