package dev.tollgate.filters.edge;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Gateway-wide settings of the edge firewall ({@code tollgate.gateway.firewall.*}), Spring Security's
 * {@code StrictServerWebExchangeFirewall} run on every request before routing. Every default is the strict one.
 * Relax a path rule for one route only with {@code tollgate.routes[].firewall.*}; a relaxation here applies to every
 * route, the management endpoints included.
 *
 * @param allowedMethods HTTP methods the gateway accepts at all; any other method is refused with 400 before routing
 * (TRACE, CONNECT and WebDAV methods among them). Case-sensitive, as methods are (RFC 9110 §9.1).
 * @param allowedHostnames Host names (from the {@code Host} header or an absolute request target) the gateway
 * answers for, compared ignoring case; others get 400. Empty (the default): any host, since the gateway cannot know
 * its own names.
 * @param allowEncodedSlash Allow {@code %2F} in paths on every route. Risky: an encoded slash is one segment to
 * routing but a separator to many upstreams, so it can reach a path another route protects. Prefer the per-route
 * setting.
 * @param allowSemicolon Allow {@code ;} (path parameters, {@code %3B}) on every route. Risky: {@code /..;/} and
 * similar tricks.
 * @param allowEncodedPercent Allow {@code %25} (an encoded percent, i.e. double encoding) on every route.
 * @param allowEncodedPeriod Allow {@code %2E} on every route; dot segments stay rejected after decoding.
 * @param allowBackslash Allow {@code \} and {@code %5C} on every route. Risky: some upstreams treat a backslash as a
 * slash.
 */
@ConfigurationProperties("tollgate.gateway.firewall")
public record FirewallProperties(
		@DefaultValue({ "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" }) List<String> allowedMethods,
		@DefaultValue List<String> allowedHostnames, boolean allowEncodedSlash, boolean allowSemicolon,
		boolean allowEncodedPercent, boolean allowEncodedPeriod, boolean allowBackslash) {

	public FirewallProperties {
		allowedMethods = (allowedMethods != null) ? List.copyOf(allowedMethods) : List.of();
		allowedHostnames = (allowedHostnames != null) ? List.copyOf(allowedHostnames) : List.of();
	}

	/** The path relaxations as a value. */
	public PathRelaxations relaxations() {
		return new PathRelaxations(this.allowEncodedSlash, this.allowSemicolon, this.allowEncodedPercent,
				this.allowEncodedPeriod, this.allowBackslash);
	}

}
