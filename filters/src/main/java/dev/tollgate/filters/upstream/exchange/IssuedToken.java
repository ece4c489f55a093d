package dev.tollgate.filters.upstream.exchange;

import java.time.Duration;

/**
 * A validated token-endpoint answer (RFC 8693 §2.2.1, RFC 6749 §5.1). Its {@code toString} never shows the token.
 *
 * @param accessToken the issued token, checked to be a valid RFC 6750 §2.1 {@code b64token}
 * @param issuedTokenType the {@code issued_token_type}, or {@code null} for plain OAuth grants
 * @param expiresIn the {@code expires_in}, or {@code null} when the STS sent none
 */
record IssuedToken(String accessToken, String issuedTokenType, Duration expiresIn) {

	@Override
	public String toString() {
		return "IssuedToken[type=" + this.issuedTokenType + ", expiresIn=" + this.expiresIn + ", value=<redacted>]";
	}

}
