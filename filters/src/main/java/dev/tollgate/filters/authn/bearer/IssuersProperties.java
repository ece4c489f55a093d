package dev.tollgate.filters.authn.bearer;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity providers whose bearer tokens the gateway trusts ({@code tollgate.issuers[]}) and limits for bearer
 * validation ({@code tollgate.bearer.*}). Validated at load by {@link IssuersPropertiesValidator}: startup fails
 * with a message naming the property.
 *
 * @param issuers Trusted issuers of inbound access tokens. A token is checked against the issuer its {@code iss}
 * names exactly; a route may narrow the list by name. Empty: no bearer token is accepted.
 * @param bearer Limits and caches shared by all issuers.
 */
@ConfigurationProperties("tollgate")
public record IssuersProperties(@DefaultValue List<Issuer> issuers, @DefaultValue Bearer bearer) {

	public IssuersProperties {
		issuers = (issuers != null) ? List.copyOf(issuers) : List.of();
	}

	/**
	 * One trusted issuer.
	 *
	 * @param name Short unique name, e.g. {@code corp}: referenced by routes' {@code issuers} lists and used as the
	 * metric tag. Letters, digits, {@code .}, {@code _} and {@code -}.
	 * @param issuerUri The issuer identifier, e.g. {@code https://idp.example.com/realms/agents}. Must be an absolute
	 * URI and is compared with a token's {@code iss} character for character (RFC 9068 §4): mind trailing slashes.
	 * @param jwksUri The issuer's JWKS URI. Unset: discovered lazily on first use, from
	 * {@code <issuer-uri>/.well-known/openid-configuration} and then RFC 8414
	 * {@code /.well-known/oauth-authorization-server}; the document must name {@code issuer-uri} exactly.
	 * @param algorithms Signature algorithms accepted from this issuer; each JWKS key is bound to one of them. Allowed
	 * values: RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, Ed25519. HMAC and {@code none}
	 * are never allowed (RFC 8725 §3.1).
	 * @param tokenTypes Accepted JWT {@code typ} header values, compared case-insensitively with or without
	 * {@code application/}. Default {@code at+jwt} (RFC 9068 §2.1). Add {@code jwt} for identity providers that send
	 * {@code JWT} or no {@code typ} in access tokens (Keycloak, Entra ID, older Okta and Auth0): then the route
	 * audience is the only thing that tells an ID token apart, so give routes audiences no client id uses.
	 * @param clockSkew Tolerance for {@code exp} and {@code nbf} against the gateway's clock; at most 5 minutes.
	 * @param clientIdClaim Claim holding the OAuth client id: {@code client_id} (RFC 9068, Spring Authorization
	 * Server, Auth0 with RFC 9068 profile), {@code azp} (Keycloak, Entra ID v2, Auth0), {@code appid} (Entra ID v1),
	 * {@code cid} (Okta). Falls back to {@code sub} when the claim is absent.
	 * @param scopeClaim Claim holding granted scopes. {@code scope} (the default, RFC 9068 §2.2.3) must be a string of
	 * scope tokens separated by single spaces (RFC 6749 §3.3): an array, an empty string, doubled, leading or trailing
	 * spaces, tabs, quotes, backslashes or non-ASCII characters reject the token. Any other name, e.g. {@code scp}
	 * (Okta: an array; Entra ID: a string), accepts that string form or a non-empty array whose every element is one
	 * scope token. Introspection answers use {@code scope} when they carry it (RFC 7662 §2.2), else this claim.
	 * @param introspection RFC 7662 introspection, for this issuer's opaque (non-JWT) tokens.
	 * @param jwks How this issuer's key set is fetched and refreshed.
	 */
	public record Issuer(String name, String issuerUri, String jwksUri,
			@DefaultValue({ "RS256", "PS256", "ES256", "EdDSA" }) List<String> algorithms,
			@DefaultValue("at+jwt") List<String> tokenTypes, @DefaultValue("60s") Duration clockSkew,
			@DefaultValue("client_id") String clientIdClaim, @DefaultValue("scope") String scopeClaim,
			@DefaultValue Introspection introspection, @DefaultValue Jwks jwks) {

		public Issuer {
			algorithms = (algorithms != null) ? List.copyOf(algorithms) : List.of();
			tokenTypes = (tokenTypes != null) ? List.copyOf(tokenTypes) : List.of();
		}

	}

	/**
	 * RFC 7662 token introspection settings of one issuer.
	 *
	 * @param uri The introspection endpoint, e.g. {@code https://idp.example.com/oauth2/introspect}. Unset: no
	 * introspection.
	 * @param clientId The gateway's client id at the issuer, sent with {@code client_secret_basic}. Required with
	 * {@code uri}.
	 * @param clientSecret The gateway's client secret; use a placeholder such as {@code ${INTROSPECTION_SECRET}}.
	 * Never logged.
	 * @param cacheMaxTtl Longest time an introspection answer is reused; an active answer never outlives the token's
	 * {@code exp}.
	 * @param timeout Longest time one introspection call may take before the request gets a 503.
	 * @param maxConcurrent Most introspection calls in flight to this issuer at once (per gateway instance). Past it,
	 * a request that needs a new call gets an immediate 503 with {@code Retry-After: 1} (reason
	 * {@code introspection_saturated}) instead of queueing; cached answers and requests joining an identical call in
	 * flight are not affected. Sized for a busy host; lower it to protect a small IdP.
	 * @param forJwts Also validate this issuer's JWT access tokens by introspection instead of locally (the
	 * unverified {@code iss} selects the endpoint), e.g. to honour revocations at once. Costs a call per token per
	 * {@code cache-max-ttl}.
	 */
	public record Introspection(String uri, String clientId, String clientSecret,
			@DefaultValue("2m") Duration cacheMaxTtl, @DefaultValue("5s") Duration timeout,
			@DefaultValue("64") int maxConcurrent, boolean forJwts) {

		@Override
		public String toString() {
			return "Introspection[uri=" + this.uri + ", clientId=" + this.clientId + "]";
		}

	}

	/**
	 * JWKS fetching and caching of one issuer.
	 *
	 * @param refreshInterval How long a key set is used before it is refreshed in the background; also the upper
	 * bound for the JWKS response's {@code Cache-Control: max-age}, which is honoured when shorter.
	 * @param minRefetchInterval Least time between two fetches, whatever triggers them (lower bound for
	 * {@code max-age} too). A token with a {@code kid} not in the key set triggers a refetch only once per interval;
	 * meanwhile such tokens are refused at once, so a random-{@code kid} flood cannot storm the identity provider.
	 * @param fetchTimeout Longest time one fetch (discovery included) may take.
	 * @param fetchRetries Extra attempts within one fetch after a failure, 200 ms apart and growing. 0 to 3.
	 */
	public record Jwks(@DefaultValue("5m") Duration refreshInterval, @DefaultValue("30s") Duration minRefetchInterval,
			@DefaultValue("5s") Duration fetchTimeout, @DefaultValue("1") int fetchRetries) {
	}

	/**
	 * Limits shared by all issuers ({@code tollgate.bearer.*}).
	 *
	 * @param maxTokenLength Longest bearer token accepted, in characters; longer ones are refused before any parsing.
	 * Access tokens are usually under 2 KiB.
	 * @param maxJsonDepth Deepest JSON nesting accepted in a JWT header or claim set (CVE-2025-53864).
	 * @param verifiedTokenCacheSize Entries in the verified-token cache (keyed by the token's SHA-256; each expires at
	 * the token's {@code exp}). Repeated tokens skip signature verification. 0 disables it.
	 * @param introspectionCacheSize Entries in the introspection answer cache.
	 */
	public record Bearer(@DefaultValue("8192") int maxTokenLength, @DefaultValue("16") int maxJsonDepth,
			@DefaultValue("10000") long verifiedTokenCacheSize, @DefaultValue("10000") long introspectionCacheSize) {
	}

}
