package dev.tollgate.apikeys.phase;

import java.util.Locale;

/**
 * How far along its retirement an API key (or a route's acceptance of API keys) is. Declared from the most lenient
 * to the strictest: when a key and its route disagree, the stricter wins.
 */
public enum Phase {

	/** Accepted silently. */
	ALLOW,
	/** Accepted; the response carries {@code Deprecation}, {@code Sunset} and {@code Link} headers. */
	WARN,
	/** Rejected during brownout windows, accepted with the warn headers otherwise. */
	BROWNOUT,
	/** Rejected: 401 telling the caller OAuth is required, with a link to the migration guide. */
	REJECT;

	/** The stricter of the two. */
	public Phase stricter(Phase other) {
		return (other != null && other.ordinal() > ordinal()) ? other : this;
	}

	/** Lower-case name used in configuration, metrics and reports. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Parses {@code allow}, {@code warn}, {@code brownout} or {@code reject} in any case. */
	public static Phase parse(String value) {
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("unknown phase '" + value + "' (allow, warn, brownout, reject)");
		}
	}

}
