package dev.tollgate.apikeys.phase;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Renders the deprecation headers; the one place that knows their syntax. */
public final class PhaseHeaders {

	/** RFC 9745 §2. */
	public static final String DEPRECATION = "Deprecation";

	/** RFC 8594 §3. */
	public static final String SUNSET = "Sunset";

	public static final String LINK = "Link";

	// RFC 9110 §5.6.7 IMF-fixdate: two-digit day, always GMT (RFC_1123_DATE_TIME would drop the leading zero).
	private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private PhaseHeaders() {
	}

	/** RFC 9745 §2.1: a Structured Field Date (RFC 9651 §3.3.7), {@code @} and whole epoch seconds. */
	public static String deprecation(Instant since) {
		return "@" + since.getEpochSecond();
	}

	/** RFC 8594 §3: an HTTP-date. */
	public static String sunset(Instant sunset) {
		return IMF_FIXDATE.format(sunset);
	}

	/** RFC 9745 §3: the {@code deprecation} link relation pointing at the migration guide. */
	public static String link(String migrationGuide) {
		return "<" + migrationGuide + ">; rel=\"deprecation\"; type=\"text/html\"";
	}

}
