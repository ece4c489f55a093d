package dev.tollgate.filters.edge;

import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Which of the strict firewall's path rules an operator has relaxed, gateway-wide or for one route. Each flag maps to
 * one setter of Spring Security's {@link StrictServerWebExchangeFirewall}; everything not listed here (dot segments,
 * {@code //}, NUL, CR, LF, control characters) cannot be relaxed at all.
 *
 * @param allowEncodedSlash allow {@code %2F} (not {@code //} nor {@code %2F%2F})
 * @param allowSemicolon allow {@code ;} and {@code %3B} (path parameters)
 * @param allowEncodedPercent allow {@code %25} (double encoding)
 * @param allowEncodedPeriod allow {@code %2E} (dot segments stay rejected after decoding)
 * @param allowBackslash allow {@code \} and {@code %5C}
 */
public record PathRelaxations(boolean allowEncodedSlash, boolean allowSemicolon, boolean allowEncodedPercent,
		boolean allowEncodedPeriod, boolean allowBackslash) {

	/** Nothing relaxed: the strict defaults. */
	public static final PathRelaxations NONE = new PathRelaxations(false, false, false, false, false);

	/** Whether anything is relaxed. */
	public boolean any() {
		return this.allowEncodedSlash || this.allowSemicolon || this.allowEncodedPercent || this.allowEncodedPeriod
				|| this.allowBackslash;
	}

	/** What either side relaxes (a route's relaxations come on top of the gateway-wide ones). */
	public PathRelaxations or(PathRelaxations other) {
		return new PathRelaxations(this.allowEncodedSlash || other.allowEncodedSlash,
				this.allowSemicolon || other.allowSemicolon, this.allowEncodedPercent || other.allowEncodedPercent,
				this.allowEncodedPeriod || other.allowEncodedPeriod, this.allowBackslash || other.allowBackslash);
	}

	/** Applies these flags through the firewall's own setters. */
	void applyTo(StrictServerWebExchangeFirewall firewall) {
		firewall.setAllowUrlEncodedSlash(this.allowEncodedSlash);
		firewall.setAllowSemicolon(this.allowSemicolon);
		firewall.setAllowUrlEncodedPercent(this.allowEncodedPercent);
		firewall.setAllowUrlEncodedPeriod(this.allowEncodedPeriod);
		firewall.setAllowBackSlash(this.allowBackslash);
	}

}
