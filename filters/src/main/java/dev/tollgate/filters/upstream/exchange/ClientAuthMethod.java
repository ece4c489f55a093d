package dev.tollgate.filters.upstream.exchange;

/**
 * How the gateway authenticates itself at an STS token endpoint. Binds from the registered OAuth names
 * ({@code client_secret_basic}, {@code client_secret_post}, {@code private_key_jwt}).
 */
public enum ClientAuthMethod {

	/** HTTP Basic with the form-encoded client id and secret (RFC 6749 §2.3.1). */
	CLIENT_SECRET_BASIC,
	/** {@code client_id} and {@code client_secret} in the form body (RFC 6749 §2.3.1). */
	CLIENT_SECRET_POST,
	/** A signed JWT client assertion (RFC 7523 §2.2, OpenID Connect Core §9). */
	PRIVATE_KEY_JWT

}
