package dev.tollgate.filters.upstream.exchange;

import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * Removes every credential a caller sent, so only the upstream token reaches the upstream (MCP authorization spec:
 * no token passthrough; RFC 9449 §4.1: a DPoP proof is bound to the gateway, not to the upstream).
 */
public final class InboundCredentialHeaders {

	/** Headers that carry caller credentials whatever the route's API-key header is called. */
	public static final List<String> ALWAYS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.PROXY_AUTHORIZATION,
			"DPoP", HttpHeaders.COOKIE);

	private InboundCredentialHeaders() {
	}

	/**
	 * Strips inbound credentials in place (header names match ignoring case).
	 * @param apiKeyHeader the configured API-key header, or {@code null}
	 */
	public static void strip(HttpHeaders headers, String apiKeyHeader) {
		ALWAYS.forEach(headers::remove);
		if (apiKeyHeader != null && !apiKeyHeader.isBlank()) {
			headers.remove(apiKeyHeader);
		}
	}

}
