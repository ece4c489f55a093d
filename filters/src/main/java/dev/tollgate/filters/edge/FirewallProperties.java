package dev.tollgate.filters.edge;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Gateway-wide settings of the edge firewall ({@code tollgate.gateway.firewall.*}), Spring Security's
 * {@code StrictServerWebExchangeFirewall} run on every request before routing. Every default is the strict one.
 * Relax a path rule for one route only with {@code tollgate.routes[].firewall.*}; a relaxation here applies to every
 * route, the management endpoints included.
 */
@ConfigurationProperties("tollgate.gateway.firewall")
public class FirewallProperties {

	/**
	 * HTTP methods the gateway accepts at all; any other method is refused with 400 before routing (TRACE, CONNECT
	 * and WebDAV methods among them). Case-sensitive, as methods are (RFC 9110 §9.1).
	 */
	private List<String> allowedMethods = new ArrayList<>(
			List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));

	/**
	 * Host names (from the {@code Host} header or an absolute request target) the gateway answers for, compared
	 * ignoring case; others get 400. Empty (the default): any host, since the gateway cannot know its own names.
	 */
	private List<String> allowedHostnames = new ArrayList<>();

	/**
	 * Allow {@code %2F} in paths on every route. Risky: an encoded slash is one segment to routing but a separator
	 * to many upstreams, so it can reach a path another route protects. Prefer the per-route setting.
	 */
	private boolean allowEncodedSlash;

	/** Allow {@code ;} (path parameters, {@code %3B}) on every route. Risky: {@code /..;/} and similar tricks. */
	private boolean allowSemicolon;

	/** Allow {@code %25} (an encoded percent, i.e. double encoding) on every route. */
	private boolean allowEncodedPercent;

	/** Allow {@code %2E} on every route; dot segments stay rejected after decoding. */
	private boolean allowEncodedPeriod;

	/** Allow {@code \} and {@code %5C} on every route. Risky: some upstreams treat a backslash as a slash. */
	private boolean allowBackslash;

	/** The path relaxations as a value. */
	public PathRelaxations relaxations() {
		return new PathRelaxations(this.allowEncodedSlash, this.allowSemicolon, this.allowEncodedPercent,
				this.allowEncodedPeriod, this.allowBackslash);
	}

	public List<String> getAllowedMethods() {
		return this.allowedMethods;
	}

	public void setAllowedMethods(List<String> allowedMethods) {
		this.allowedMethods = allowedMethods;
	}

	public List<String> getAllowedHostnames() {
		return this.allowedHostnames;
	}

	public void setAllowedHostnames(List<String> allowedHostnames) {
		this.allowedHostnames = allowedHostnames;
	}

	public boolean isAllowEncodedSlash() {
		return this.allowEncodedSlash;
	}

	public void setAllowEncodedSlash(boolean allowEncodedSlash) {
		this.allowEncodedSlash = allowEncodedSlash;
	}

	public boolean isAllowSemicolon() {
		return this.allowSemicolon;
	}

	public void setAllowSemicolon(boolean allowSemicolon) {
		this.allowSemicolon = allowSemicolon;
	}

	public boolean isAllowEncodedPercent() {
		return this.allowEncodedPercent;
	}

	public void setAllowEncodedPercent(boolean allowEncodedPercent) {
		this.allowEncodedPercent = allowEncodedPercent;
	}

	public boolean isAllowEncodedPeriod() {
		return this.allowEncodedPeriod;
	}

	public void setAllowEncodedPeriod(boolean allowEncodedPeriod) {
		this.allowEncodedPeriod = allowEncodedPeriod;
	}

	public boolean isAllowBackslash() {
		return this.allowBackslash;
	}

	public void setAllowBackslash(boolean allowBackslash) {
		this.allowBackslash = allowBackslash;
	}

}
