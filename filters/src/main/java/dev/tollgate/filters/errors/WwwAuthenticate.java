package dev.tollgate.filters.errors;

import java.util.List;

import dev.tollgate.filters.core.CallerFault;

/**
 * The one place that renders {@code WWW-Authenticate} challenges: Bearer (RFC 6750 §3, RFC 9728 §5.1) and DPoP
 * (RFC 9449 §7.1).
 * Parameter values are quoted strings with {@code "} and {@code \} escaped (RFC 9110 §5.6.4).
 */
public final class WwwAuthenticate {

	private WwwAuthenticate() {
	}

	/**
	 * @param realm the protection space, e.g. {@code tollgate}
	 * @param fault the caller fault, or {@code null} for a bare challenge
	 * @param resourceMetadataUrl absolute URL of the route's protected-resource metadata, or {@code null}
	 */
	public static String bearer(String realm, CallerFault fault, String resourceMetadataUrl) {
		StringBuilder sb = new StringBuilder(160).append("Bearer realm=");
		quote(sb, realm);
		if (fault != null && fault.error() != null) {
			sb.append(", error=");
			quote(sb, fault.error().code());
			sb.append(", error_description=");
			quote(sb, fault.description());
			List<String> scopes = fault.scopes();
			if (!scopes.isEmpty()) {
				sb.append(", scope=");
				quote(sb, String.join(" ", scopes));
			}
		}
		if (resourceMetadataUrl != null) {
			sb.append(", resource_metadata=");
			quote(sb, resourceMetadataUrl);
		}
		return sb.toString();
	}

	/**
	 * A {@code WWW-Authenticate: DPoP} challenge (RFC 9449 §7.1), sent alongside the Bearer one.
	 * @param algorithms the proof algorithms accepted, for {@code algs}
	 * @param error {@code invalid_dpop_proof}, {@code use_dpop_nonce}, {@code invalid_token}, or {@code null} for
	 * a bare challenge
	 * @param description a secret-free explanation, or {@code null}
	 */
	public static String dpop(List<String> algorithms, String error, String description) {
		StringBuilder sb = new StringBuilder(120).append("DPoP algs=");
		quote(sb, String.join(" ", algorithms));
		if (error != null) {
			sb.append(", error=");
			quote(sb, error);
			if (description != null) {
				sb.append(", error_description=");
				quote(sb, description);
			}
		}
		return sb.toString();
	}

	private static void quote(StringBuilder sb, String value) {
		sb.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				sb.append('\\');
			}
			// RFC 6750 §3: error_description and scope exclude control characters.
			sb.append((c < 0x20 || c == 0x7f) ? ' ' : c);
		}
		sb.append('"');
	}

}
