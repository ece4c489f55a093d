package dev.tollgate.filters.policy;

import java.util.Locale;

/** How a policy's {@code false} is acted on. */
public enum PolicyMode {

	/** A denial answers 403 {@code policy_denied}. */
	ENFORCE,

	/** A denial is counted and logged as {@code would_deny}; the request goes on. For rolling a policy out. */
	SHADOW;

	private final String tag = name().toLowerCase(Locale.ROOT);

	/** The mode named {@code enforce} or {@code shadow} (any case), or {@code null} for anything else. */
	public static PolicyMode parse(String name) {
		if (name == null) {
			return null;
		}
		return switch (name.trim().toLowerCase(Locale.ROOT)) {
			case "enforce" -> ENFORCE;
			case "shadow" -> SHADOW;
			default -> null;
		};
	}

	/** The lower-case name used in configuration, metrics, logs and audit events. */
	public String tag() {
		return this.tag;
	}

}
