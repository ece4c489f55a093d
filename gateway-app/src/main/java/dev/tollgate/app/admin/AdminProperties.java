package dev.tollgate.app.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Administration of the gateway ({@code tollgate.admin.*}). */
@ConfigurationProperties("tollgate.admin")
public class AdminProperties {

	/** Shortest admin token accepted: guessing it must be as hard as guessing a 128-bit key. */
	static final int MIN_TOKEN_LENGTH = 24;

	/**
	 * Bearer token that actuator endpoints other than health require ({@code Authorization: Bearer <token>}), e.g.
	 * from {@code ${TOLLGATE_ADMIN_TOKEN}}; at least 24 characters. Unset: the {@code apikeys} endpoint does not
	 * exist at all.
	 */
	private String token;

	/** Checks the token once at startup. */
	public void validate() {
		if (this.token == null || this.token.length() < MIN_TOKEN_LENGTH || !this.token.equals(this.token.strip())) {
			throw new IllegalStateException("tollgate.admin.token: must be at least " + MIN_TOKEN_LENGTH
					+ " characters without surrounding spaces");
		}
	}

	public String getToken() {
		return this.token;
	}

	public void setToken(String token) {
		this.token = token;
	}

	@Override
	public String toString() {
		return "AdminProperties[token=<redacted>]";
	}

}
