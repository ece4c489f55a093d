package dev.tollgate.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Administration of the gateway ({@code tollgate.admin.*}): the token that management endpoints other than health
 * require. Set at most one of {@code token} and {@code token-file}; with neither, every management endpoint but
 * health refuses every request.
 *
 * @param token Bearer token that every actuator endpoint but health requires ({@code Authorization: Bearer <token>}),
 * usually {@code ${TOLLGATE_ADMIN_TOKEN}}: at least 24 characters of {@code A-Z a-z 0-9 - . _ ~ + /} (an RFC 6750
 * §2.1 b64token, e.g. {@code openssl rand -base64 32}). Unset or empty, and no {@code token-file}: management
 * endpoints other than health answer 401 to everyone and the {@code apikeys} endpoint does not exist.
 * @param tokenFile Path of a file holding the admin token (a mounted secret); its content is trimmed and must meet
 * the same rules as {@code token}. Read once at startup. Setting both this and {@code token} is a startup error.
 */
@ConfigurationProperties("tollgate.admin")
public record AdminProperties(String token, String tokenFile) {

	@Override
	public String toString() {
		return "AdminProperties[token=<redacted>, tokenFile=" + this.tokenFile + "]";
	}

}
