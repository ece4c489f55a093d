package dev.tollgate.filters.authn;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.InboundCredential;
import dev.tollgate.filters.edge.QueryCredentials;
import dev.tollgate.filters.edge.QueryCredentialsWebFilter;
import dev.tollgate.filters.strip.SpoofableHeaders;

/**
 * Finds the one credential a request carries: a bearer token in {@code Authorization} (RFC 6750 §2.1), or a
 * DPoP-bound one as {@code Authorization: DPoP} (RFC 9449 §7.1; its proof is the binding stage's job), or an API key
 * in the configured header, spelled exactly as configured (any case). Two credentials, a repeated header, a
 * credential in the query string ({@link QueryCredentials}), or the API-key header in another spelling
 * ({@code X_API_Key}, {@code x-api_key}) are refused with 400 {@code invalid_request} (RFC 6750 §3.1); a request with
 * none yields {@code null}.
 *
 * <p>Why a variant spelling is refused rather than ignored: the gateway never reads it as the credential, but
 * servers that fold {@code _} into {@code -} would, so it is a second credential the caller meant to send; answering
 * 401 "no credential" would hide the mistake, and forwarding it would hand the key to the upstream.
 */
public final class CredentialExtractor {

	private static final int MAX_CREDENTIAL_LENGTH = 8192;

	/** The b64token alphabet as a table: one load per character of a ~1 KB token instead of up to nine compares. */
	private static final boolean[] B64_CHARS = b64Chars();

	private final String apiKeyHeader;

	/** The API-key header in every spelling; a match that is not the configured name (ignoring case) is a variant. */
	private final SpoofableHeaders apiKeySpellings;

	private final QueryCredentials queryCredentials;

	/** @param apiKeyHeader the header carrying legacy API keys, e.g. {@code X-API-Key} */
	public CredentialExtractor(String apiKeyHeader) {
		this.apiKeyHeader = apiKeyHeader;
		this.apiKeySpellings = SpoofableHeaders.only(List.of(apiKeyHeader));
		this.queryCredentials = new QueryCredentials(apiKeyHeader);
	}

	public String apiKeyHeader() {
		return this.apiKeyHeader;
	}

	/** @return the credential, or {@code null} when the request carries none */
	public InboundCredential extract(ServerHttpRequest request) {
		// Also refused at the edge (QueryCredentialsWebFilter); checked here for routes used without it.
		if (this.queryCredentials.carriesCredential(request.getURI().getRawQuery())) {
			throw QueryCredentialsWebFilter.refusal();
		}
		HttpHeaders headers = request.getHeaders();
		rejectApiKeyVariants(headers);
		String authorization = authorization(headers);
		String apiKey = apiKey(headers);
		if (authorization != null && apiKey != null) {
			throw CallerFault.invalidRequest("multiple_credentials", "The request carries more than one credential.");
		}
		if (authorization != null) {
			boolean dpop = isDpopScheme(authorization);
			return new InboundCredential(CredentialKind.JWT, token(authorization, dpop ? 5 : 7), dpop);
		}
		return (apiKey != null) ? new InboundCredential(CredentialKind.API_KEY, apiKey) : null;
	}

	private void rejectApiKeyVariants(HttpHeaders headers) {
		for (String name : this.apiKeySpellings.presentIn(headers)) {
			if (!name.equalsIgnoreCase(this.apiKeyHeader)) {
				throw CallerFault.invalidRequest("api_key_header_variant", "The API key header must be spelled '"
						+ this.apiKeyHeader + "'; other spellings are refused, not read.");
			}
		}
	}

	/** The {@code Authorization} value when it carries a token (Bearer, or DPoP per RFC 9449 §7.1), else null. */
	private static String authorization(HttpHeaders headers) {
		List<String> values = headers.get(HttpHeaders.AUTHORIZATION);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw CallerFault.invalidRequest("multiple_credentials", "The request carries more than one credential.");
		}
		String value = values.get(0);
		if (!value.regionMatches(true, 0, "Bearer ", 0, 7) && !isDpopScheme(value)) {
			// Basic and other schemes are not accepted here; answer as if no bearer token were present.
			throw CallerFault.invalidToken("unsupported_scheme",
					"Only the Bearer and DPoP authorization schemes are accepted on this route.");
		}
		return value;
	}

	/** RFC 9449 §7.1: {@code Authorization: DPoP <token>}; scheme names are case-insensitive (RFC 9110 §11.1). */
	private static boolean isDpopScheme(String value) {
		return value.regionMatches(true, 0, "DPoP ", 0, 5);
	}

	private static String token(String authorization, int schemeLength) {
		String token = authorization.substring(schemeLength).trim();
		if (token.isEmpty() || token.length() > MAX_CREDENTIAL_LENGTH || !isB64Token(token)) {
			throw CallerFault.invalidToken("malformed", "The bearer token is malformed.");
		}
		return token;
	}

	/**
	 * RFC 6750 §2.1 {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. A loop, not a
	 * regular expression: it runs on every request (a profile showed the regex at ~2.5% of gateway CPU).
	 */
	static boolean isB64Token(String token) {
		int i = 0;
		int n = token.length();
		while (i < n && isB64Char(token.charAt(i))) {
			i++;
		}
		if (i == 0) {
			return false;
		}
		while (i < n && token.charAt(i) == '=') {
			i++;
		}
		return i == n;
	}

	private static boolean isB64Char(char c) {
		return c < 128 && B64_CHARS[c];
	}

	private static boolean[] b64Chars() {
		boolean[] table = new boolean[128];
		for (char c = 0; c < 128; c++) {
			table[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
		}
		return table;
	}

	private String apiKey(HttpHeaders headers) {
		List<String> values = headers.get(this.apiKeyHeader);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw CallerFault.invalidRequest("multiple_credentials", "The request carries more than one credential.");
		}
		String key = values.get(0).trim();
		if (key.isEmpty() || key.length() > MAX_CREDENTIAL_LENGTH) {
			throw CallerFault.invalidToken("api_key_rejected", "The API key is not valid.");
		}
		return key;
	}

}
