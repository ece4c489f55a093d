package dev.tollgate.filters.edge;

import java.util.List;
import java.util.Set;

import dev.tollgate.apikeys.format.ApiKeyFormat;

/**
 * Recognises credentials in a query string, by class rather than by a short list of names, so the request can be
 * refused before the URL reaches any access log (OWASP REST cheat sheet; RFC 6750 §2.3 advises against
 * {@code access_token} in URIs). A parameter is a credential when
 * <ul>
 * <li>its <b>name</b>, percent-decoded (repeatedly, as some stacks do), lower-cased and with everything but letters
 * and digits dropped, is one of {@link #NAMES} or ends with one of {@link #SUFFIXES}, or is the configured API-key
 * header name: {@code access_token}, {@code Access-Token}, {@code %61ccess_token}, {@code client_secret},
 * {@code x-api-key}, {@code oauth_token}, {@code apiKey}, {@code key}; or</li>
 * <li>its <b>value</b> (or a name without a value) has the shape of a credential: a Tollgate API key with a valid
 * checksum, or a compact JWS/JWE (three or five base64url segments, the first starting with {@code eyJ}), bare or
 * after {@code Bearer }.</li>
 * </ul>
 * Not credentials, on purpose: names that merely contain {@code token} or {@code key} ({@code page_token},
 * {@code next_key}, {@code sort_key}, {@code csrf_token}), OAuth {@code code} and {@code state} (an authorization
 * callback needs them) and {@code sig}/{@code signature}/{@code X-Amz-Signature} (pre-signed URLs are built to carry
 * their short-lived signature in the URL). Opaque tokens in such parameters cannot be told from data.
 *
 * <p>Pairs are split on {@code &} and on {@code ;}, which some servers also treat as a separator.
 */
public final class QueryCredentials {

	/** Normalized parameter names that are credentials. */
	public static final Set<String> NAMES = Set.of("token", "key", "auth", "authorization", "jwt", "bearer", "secret",
			"password", "passwd", "credential", "credentials");

	/** Normalized suffixes that make a parameter name a credential. */
	public static final List<String> SUFFIXES = List.of("accesstoken", "idtoken", "refreshtoken", "authtoken",
			"bearertoken", "apikey", "secret", "password", "passwd", "jwt");

	private static final int MAX_DECODE_ROUNDS = 3;

	private final String apiKeyHeader;

	/** @param apiKeyHeader the configured API-key header, e.g. {@code X-API-Key}, refused as a parameter name too */
	public QueryCredentials(String apiKeyHeader) {
		this.apiKeyHeader = normalizeName(apiKeyHeader);
	}

	/** Whether the raw (still percent-encoded) query carries a credential; {@code false} for {@code null}. */
	public boolean carriesCredential(String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return false;
		}
		int start = 0;
		int n = rawQuery.length();
		while (start <= n) {
			int end = start;
			while (end < n && rawQuery.charAt(end) != '&' && rawQuery.charAt(end) != ';') {
				end++;
			}
			if (end > start && isCredential(rawQuery.substring(start, end))) {
				return true;
			}
			start = end + 1;
		}
		return false;
	}

	private boolean isCredential(String pair) {
		int eq = pair.indexOf('=');
		String name = decode((eq < 0) ? pair : pair.substring(0, eq));
		if (isCredentialName(name) || hasCredentialShape(name)) {
			return true;
		}
		return eq >= 0 && hasCredentialShape(decode(pair.substring(eq + 1)));
	}

	/** Whether a decoded parameter name is a credential name. */
	public boolean isCredentialName(String decodedName) {
		String normalized = normalizeName(decodedName);
		if (normalized.isEmpty()) {
			return false;
		}
		if (NAMES.contains(normalized) || normalized.equals(this.apiKeyHeader)) {
			return true;
		}
		for (String suffix : SUFFIXES) {
			if (normalized.endsWith(suffix)) {
				return true;
			}
		}
		return false;
	}

	/** Whether a decoded value looks like a Tollgate API key or a compact JWS/JWE. */
	public static boolean hasCredentialShape(String value) {
		String v = value.strip();
		if (v.regionMatches(true, 0, "Bearer ", 0, 7)) {
			v = v.substring(7).strip();
		}
		return isCompactJose(v) || (v.startsWith(ApiKeyFormat.PREFIX) && ApiKeyFormat.wellFormed(v));
	}

	/** Three (JWS) or five (JWE) base64url segments, the protected header first: {@code eyJ} is {@code {"}. */
	static boolean isCompactJose(String v) {
		if (!v.startsWith("eyJ")) {
			return false;
		}
		int dots = 0;
		for (int i = 0; i < v.length(); i++) {
			char c = v.charAt(i);
			if (c == '.') {
				dots++;
			}
			else if (!isBase64Url(c)) {
				return false;
			}
		}
		return dots == 2 || dots == 4;
	}

	private static boolean isBase64Url(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
				|| c == '=';
	}

	/** Lower-case ASCII letters and digits only: {@code Access-Token}, {@code access_token[]} are all one name. */
	static String normalizeName(String name) {
		StringBuilder sb = new StringBuilder(name.length());
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				sb.append((char) (c + ('a' - 'A')));
			}
			else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				sb.append(c);
			}
		}
		return sb.toString();
	}

	/**
	 * Percent-decodes (and {@code +} to space) until nothing changes, at most {@value #MAX_DECODE_ROUNDS} times.
	 * Lenient where {@link java.net.URLDecoder} throws: a malformed escape stays as it is, as many servers keep it.
	 * Bytes map to chars one to one; only ASCII matters to the checks above.
	 */
	static String decode(String s) {
		String current = s;
		for (int round = 0; round < MAX_DECODE_ROUNDS; round++) {
			String next = decodeOnce(current);
			if (next.equals(current)) {
				return next;
			}
			current = next;
		}
		return current;
	}

	private static String decodeOnce(String s) {
		if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
			return s;
		}
		StringBuilder sb = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '+') {
				sb.append(' ');
			}
			else if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
				sb.append((char) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2))));
				i += 2;
			}
			else {
				sb.append(c);
			}
		}
		return sb.toString();
	}

	private static int hex(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		char lower = (char) (c | 0x20);
		return (lower >= 'a' && lower <= 'f') ? lower - 'a' + 10 : -1;
	}

}
