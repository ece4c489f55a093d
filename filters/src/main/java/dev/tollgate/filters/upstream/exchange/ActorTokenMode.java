package dev.tollgate.filters.upstream.exchange;

/**
 * Whether and how the gateway names itself as the actor of an exchange (RFC 8693 §1.1, §2.1 {@code actor_token}),
 * so the STS can record it in an {@code act} claim (RFC 8693 §4.1).
 */
public enum ActorTokenMode {

	/** No {@code actor_token}: the STS sees only the requesting client (impersonation semantics). */
	NONE,
	/**
	 * A client-credentials access token of the gateway's own client, fetched from the same token endpoint and cached
	 * until shortly before it expires; sent with {@code actor_token_type} access_token. Works with STSs that resolve
	 * actor tokens they issued themselves, such as Spring Authorization Server.
	 */
	CLIENT_CREDENTIALS,
	/**
	 * A freshly signed client assertion (the same JWT as for {@code private_key_jwt}); sent with
	 * {@code actor_token_type} jwt. Requires {@code client-auth: private_key_jwt}.
	 */
	CLIENT_ASSERTION

}
