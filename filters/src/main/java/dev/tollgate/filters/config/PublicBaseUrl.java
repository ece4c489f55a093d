package dev.tollgate.filters.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The gateway's externally visible origin ({@value #PROPERTY}), the only source of the absolute URLs it hands out:
 * RFC 9728 {@code resource} values and {@code resource_metadata} links. Never derived from a request: {@code Host},
 * {@code X-Forwarded-Host}, {@code Forwarded} and absolute-form request targets are all caller-controlled, and a URL
 * built from them lets anyone point an agent at a metadata document (and so an authorization server) of their own.
 * <p>
 * Accepted: an absolute {@code http} or {@code https} URL with a host, and nothing after it but an optional
 * {@code /}. Refused: other schemes, user info, a query, a fragment, a path (RFC 9728 §3.1 puts the well-known
 * segment between host and path, which a prefix the gateway does not see would break), a port outside 1-65535.
 * Normalised (RFC 3986 §6.2.2, §6.2.3): scheme and host in lower case, the scheme's default port and the trailing
 * slash removed, so {@code HTTPS://GW.Example.com:443/} is {@code https://gw.example.com}.
 */
public final class PublicBaseUrl {

	/** The property operators set. */
	public static final String PROPERTY = "tollgate.gateway.public-base-url";

	private final String value;

	private PublicBaseUrl(String value) {
		this.value = value;
	}

	/**
	 * @param raw the configured value, or {@code null}
	 * @return the normalised base URL, or {@code null} when {@code raw} is {@code null} or blank
	 * @throws InvalidConfigurationException naming {@link #PROPERTY} when {@code raw} is not acceptable; the
	 * message never repeats the value, which could hold credentials in its user info
	 */
	public static PublicBaseUrl parse(String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c <= 0x20 || c >= 0x7f) {
				throw invalid("contains whitespace, a control or a non-ASCII character");
			}
		}
		URI uri;
		try {
			uri = new URI(raw);
		}
		catch (URISyntaxException ex) {
			throw invalid("is not a URL (" + ex.getReason() + ")");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"http".equals(scheme) && !"https".equals(scheme)) {
			throw invalid("must be an absolute http or https URL, e.g. https://gateway.example.com");
		}
		if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
			throw invalid("must name a host, e.g. https://gateway.example.com");
		}
		if (uri.getRawUserInfo() != null) {
			throw invalid("must not contain user info");
		}
		if (uri.getRawQuery() != null) {
			throw invalid("must not contain a query");
		}
		if (uri.getRawFragment() != null) {
			throw invalid("must not contain a fragment");
		}
		String path = uri.getRawPath();
		if (path != null && !path.isEmpty() && !"/".equals(path)) {
			throw invalid("must not contain a path: the gateway serves routes and RFC 9728 metadata from the root");
		}
		int port = uri.getPort();
		if (port == 0 || port > 65535) {
			throw invalid("has a port outside 1-65535");
		}
		boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
				|| ("https".equals(scheme) && port == 443);
		return new PublicBaseUrl(
				scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
	}

	private static InvalidConfigurationException invalid(String problem) {
		return new InvalidConfigurationException(PROPERTY, problem);
	}

	/** The absolute URL of {@code path} (empty, or starting with {@code /}) on the gateway. */
	public String resolve(String path) {
		return this.value + path;
	}

	/** The normalised base URL, without a trailing slash. */
	public String value() {
		return this.value;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof PublicBaseUrl that && this.value.equals(that.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
