package dev.tollgate.filters.binding.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The comparison form of a DPoP {@code htu} (RFC 9449 §4.3 check 9): the URI without query and fragment, after
 * syntax-based (RFC 3986 §6.2.2: case of scheme, host and percent-encodings; percent-encoded unreserved characters
 * decoded; dot segments removed) and scheme-based normalisation (§6.2.3: default port dropped, empty path is
 * {@code /}).
 */
public final class HttpTargetUri {

	private HttpTargetUri() {
	}

	/** @return the normalised form, or {@code null} when {@code raw} is not an absolute http(s) URI with a host */
	public static String normalize(String raw) {
		if (raw == null || raw.length() > 4096) {
			return null;
		}
		URI uri;
		try {
			uri = new URI(raw);
		}
		catch (URISyntaxException ex) {
			return null;
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"http".equals(scheme) && !"https".equals(scheme) || uri.isOpaque() || uri.getHost() == null
				|| uri.getRawUserInfo() != null) {
			return null;
		}
		int port = uri.getPort();
		boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
				|| ("https".equals(scheme) && port == 443);
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		String normalizedPath = removeDotSegments(percentEncodings(path));
		if (normalizedPath == null) {
			return null;
		}
		return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port)
				+ normalizedPath;
	}

	/** Upper-case hex digits; unreserved characters (RFC 3986 §2.3) decoded; {@code null} on a broken escape. */
	static String percentEncodings(String path) {
		if (path.indexOf('%') < 0) {
			return path;
		}
		StringBuilder sb = new StringBuilder(path.length());
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c != '%') {
				sb.append(c);
				continue;
			}
			if (i + 2 >= path.length()) {
				return null;
			}
			int hi = Character.digit(path.charAt(i + 1), 16);
			int lo = Character.digit(path.charAt(i + 2), 16);
			if (hi < 0 || lo < 0) {
				return null;
			}
			char decoded = (char) (hi * 16 + lo);
			if (isUnreserved(decoded)) {
				sb.append(decoded);
			}
			else {
				sb.append('%').append(Character.toUpperCase(path.charAt(i + 1)))
					.append(Character.toUpperCase(path.charAt(i + 2)));
			}
			i += 2;
		}
		return sb.toString();
	}

	private static boolean isUnreserved(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

	/** RFC 3986 §5.2.4, on an absolute path. */
	static String removeDotSegments(String path) {
		if (path == null) {
			return null;
		}
		if (!path.contains("/.") ) {
			return path;
		}
		Deque<String> out = new ArrayDeque<>();
		String[] segments = path.split("/", -1);
		for (int i = 1; i < segments.length; i++) {
			String segment = segments[i];
			boolean last = i == segments.length - 1;
			if (".".equals(segment)) {
				if (last) {
					out.addLast("");
				}
			}
			else if ("..".equals(segment)) {
				out.pollLast();
				if (last) {
					out.addLast("");
				}
			}
			else {
				out.addLast(segment);
			}
		}
		return "/" + String.join("/", out);
	}

}
