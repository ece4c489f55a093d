package dev.tollgate.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Administration of the gateway ({@code tollgate.admin.*}): the token that management endpoints other than health
 * require. Set at most one of {@link #token} and {@link #tokenFile}; with neither, every management endpoint but
 * health refuses every request.
 */
@ConfigurationProperties("tollgate.admin")
public class AdminProperties {

	/**
	 * Bearer token that every actuator endpoint but health requires ({@code Authorization: Bearer <token>}), usually
	 * {@code ${TOLLGATE_ADMIN_TOKEN}}: at least 24 characters of {@code A-Z a-z 0-9 - . _ ~ + /} (an RFC 6750 §2.1
	 * b64token, e.g. {@code openssl rand -base64 32}). Unset or empty, and no {@code token-file}: management
	 * endpoints other than health answer 401 to everyone and the {@code apikeys} endpoint does not exist.
	 */
	private String token;

	/**
	 * Path of a file holding the admin token (a mounted secret); its content is trimmed and must meet the same rules
	 * as {@code token}. Read once at startup. Setting both this and {@code token} is a startup error.
	 */
	private String tokenFile;

	public String getToken() {
		return this.token;
	}

	public void setToken(String token) {
		this.token = token;
	}

	public String getTokenFile() {
		return this.tokenFile;
	}

	public void setTokenFile(String tokenFile) {
		this.tokenFile = tokenFile;
	}

	@Override
	public String toString() {
		return "AdminProperties[token=<redacted>, tokenFile=" + this.tokenFile + "]";
	}

}
