package dev.tollgate.filters.authn.bearer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The identity providers whose bearer tokens the gateway trusts ({@code tollgate.issuers[]}) and limits for bearer
 * validation ({@code tollgate.bearer.*}). Validated at load by {@link IssuersPropertiesValidator}: startup fails
 * with a message naming the property.
 */
@ConfigurationProperties("tollgate")
public class IssuersProperties {

	/**
	 * Trusted issuers of inbound access tokens. A token is checked against the issuer its {@code iss} names
	 * exactly; a route may narrow the list by name. Empty: no bearer token is accepted.
	 */
	private List<Issuer> issuers = new ArrayList<>();

	/** Limits and caches shared by all issuers. */
	private Bearer bearer = new Bearer();

	public List<Issuer> getIssuers() {
		return this.issuers;
	}

	public void setIssuers(List<Issuer> issuers) {
		this.issuers = issuers;
	}

	public Bearer getBearer() {
		return this.bearer;
	}

	public void setBearer(Bearer bearer) {
		this.bearer = bearer;
	}

	/** One trusted issuer. */
	public static class Issuer {

		/**
		 * Short unique name, e.g. {@code corp}: referenced by routes' {@code issuers} lists and used as the metric
		 * tag. Letters, digits, {@code .}, {@code _} and {@code -}.
		 */
		private String name;

		/**
		 * The issuer identifier, e.g. {@code https://idp.example.com/realms/agents}. Must be an absolute URI and is
		 * compared with a token's {@code iss} character for character (RFC 9068 §4): mind trailing slashes.
		 */
		private String issuerUri;

		/**
		 * The issuer's JWKS URI. Unset: discovered lazily on first use, from
		 * {@code <issuer-uri>/.well-known/openid-configuration} and then RFC 8414
		 * {@code /.well-known/oauth-authorization-server}; the document must name {@code issuer-uri} exactly.
		 */
		private String jwksUri;

		/**
		 * Signature algorithms accepted from this issuer; each JWKS key is bound to one of them. Allowed values:
		 * RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, Ed25519. HMAC and {@code none} are
		 * never allowed (RFC 8725 §3.1).
		 */
		private List<String> algorithms = new ArrayList<>(List.of("RS256", "PS256", "ES256", "EdDSA"));

		/**
		 * Accepted JWT {@code typ} header values, compared case-insensitively with or without {@code application/}.
		 * Default {@code at+jwt} (RFC 9068 §2.1). Add {@code jwt} for identity providers that send {@code JWT} or
		 * no {@code typ} in access tokens (Keycloak, Entra ID, older Okta and Auth0): then the route audience is the
		 * only thing that tells an ID token apart, so give routes audiences no client id uses.
		 */
		private List<String> tokenTypes = new ArrayList<>(List.of("at+jwt"));

		/** Tolerance for {@code exp} and {@code nbf} against the gateway's clock; at most 5 minutes. */
		private Duration clockSkew = Duration.ofSeconds(60);

		/**
		 * Claim holding the OAuth client id: {@code client_id} (RFC 9068, Spring Authorization Server, Auth0 with
		 * RFC 9068 profile), {@code azp} (Keycloak, Entra ID v2, Auth0), {@code appid} (Entra ID v1), {@code cid}
		 * (Okta). Falls back to {@code sub} when the claim is absent.
		 */
		private String clientIdClaim = "client_id";

		/**
		 * Claim holding granted scopes. {@code scope} (the default, RFC 9068 §2.2.3) must be a string of scope
		 * tokens separated by single spaces (RFC 6749 §3.3): an array, an empty string, doubled, leading or trailing
		 * spaces, tabs, quotes, backslashes or non-ASCII characters reject the token. Any other name, e.g.
		 * {@code scp} (Okta: an array; Entra ID: a string), accepts that string form or a non-empty array whose
		 * every element is one scope token. Introspection answers use {@code scope} when they carry it (RFC 7662
		 * §2.2), else this claim.
		 */
		private String scopeClaim = "scope";

		/** RFC 7662 introspection, for this issuer's opaque (non-JWT) tokens. */
		private Introspection introspection = new Introspection();

		/** How this issuer's key set is fetched and refreshed. */
		private Jwks jwks = new Jwks();

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getIssuerUri() {
			return this.issuerUri;
		}

		public void setIssuerUri(String issuerUri) {
			this.issuerUri = issuerUri;
		}

		public String getJwksUri() {
			return this.jwksUri;
		}

		public void setJwksUri(String jwksUri) {
			this.jwksUri = jwksUri;
		}

		public List<String> getAlgorithms() {
			return this.algorithms;
		}

		public void setAlgorithms(List<String> algorithms) {
			this.algorithms = algorithms;
		}

		public List<String> getTokenTypes() {
			return this.tokenTypes;
		}

		public void setTokenTypes(List<String> tokenTypes) {
			this.tokenTypes = tokenTypes;
		}

		public Duration getClockSkew() {
			return this.clockSkew;
		}

		public void setClockSkew(Duration clockSkew) {
			this.clockSkew = clockSkew;
		}

		public String getClientIdClaim() {
			return this.clientIdClaim;
		}

		public void setClientIdClaim(String clientIdClaim) {
			this.clientIdClaim = clientIdClaim;
		}

		public String getScopeClaim() {
			return this.scopeClaim;
		}

		public void setScopeClaim(String scopeClaim) {
			this.scopeClaim = scopeClaim;
		}

		public Introspection getIntrospection() {
			return this.introspection;
		}

		public void setIntrospection(Introspection introspection) {
			this.introspection = introspection;
		}

		public Jwks getJwks() {
			return this.jwks;
		}

		public void setJwks(Jwks jwks) {
			this.jwks = jwks;
		}

	}

	/** RFC 7662 token introspection settings of one issuer. */
	public static class Introspection {

		/** The introspection endpoint, e.g. {@code https://idp.example.com/oauth2/introspect}. Unset: no introspection. */
		private String uri;

		/** The gateway's client id at the issuer, sent with {@code client_secret_basic}. Required with {@code uri}. */
		private String clientId;

		/** The gateway's client secret; use a placeholder such as {@code ${INTROSPECTION_SECRET}}. Never logged. */
		private String clientSecret;

		/** Longest time an introspection answer is reused; an active answer never outlives the token's {@code exp}. */
		private Duration cacheMaxTtl = Duration.ofMinutes(2);

		/** Longest time one introspection call may take before the request gets a 503. */
		private Duration timeout = Duration.ofSeconds(5);

		/**
		 * Most introspection calls in flight to this issuer at once (per gateway instance). Past it, a request that
		 * needs a new call gets an immediate 503 with {@code Retry-After: 1} (reason
		 * {@code introspection_saturated}) instead of queueing; cached answers and requests joining an identical
		 * call in flight are not affected. Sized for a busy host; lower it to protect a small IdP.
		 */
		private int maxConcurrent = 64;

		/**
		 * Also validate this issuer's JWT access tokens by introspection instead of locally (the unverified
		 * {@code iss} selects the endpoint), e.g. to honour revocations at once. Costs a call per token per
		 * {@code cache-max-ttl}.
		 */
		private boolean forJwts = false;

		public String getUri() {
			return this.uri;
		}

		public void setUri(String uri) {
			this.uri = uri;
		}

		public String getClientId() {
			return this.clientId;
		}

		public void setClientId(String clientId) {
			this.clientId = clientId;
		}

		public String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public Duration getCacheMaxTtl() {
			return this.cacheMaxTtl;
		}

		public void setCacheMaxTtl(Duration cacheMaxTtl) {
			this.cacheMaxTtl = cacheMaxTtl;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public int getMaxConcurrent() {
			return this.maxConcurrent;
		}

		public void setMaxConcurrent(int maxConcurrent) {
			this.maxConcurrent = maxConcurrent;
		}

		public boolean isForJwts() {
			return this.forJwts;
		}

		public void setForJwts(boolean forJwts) {
			this.forJwts = forJwts;
		}

	}

	/** JWKS fetching and caching of one issuer. */
	public static class Jwks {

		/**
		 * How long a key set is used before it is refreshed in the background; also the upper bound for the JWKS
		 * response's {@code Cache-Control: max-age}, which is honoured when shorter.
		 */
		private Duration refreshInterval = Duration.ofMinutes(5);

		/**
		 * Least time between two fetches, whatever triggers them (lower bound for {@code max-age} too). A token with
		 * a {@code kid} not in the key set triggers a refetch only once per interval; meanwhile such tokens are
		 * refused at once, so a random-{@code kid} flood cannot storm the identity provider.
		 */
		private Duration minRefetchInterval = Duration.ofSeconds(30);

		/** Longest time one fetch (discovery included) may take. */
		private Duration fetchTimeout = Duration.ofSeconds(5);

		/** Extra attempts within one fetch after a failure, 200 ms apart and growing. 0 to 3. */
		private int fetchRetries = 1;

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

		public Duration getMinRefetchInterval() {
			return this.minRefetchInterval;
		}

		public void setMinRefetchInterval(Duration minRefetchInterval) {
			this.minRefetchInterval = minRefetchInterval;
		}

		public Duration getFetchTimeout() {
			return this.fetchTimeout;
		}

		public void setFetchTimeout(Duration fetchTimeout) {
			this.fetchTimeout = fetchTimeout;
		}

		public int getFetchRetries() {
			return this.fetchRetries;
		}

		public void setFetchRetries(int fetchRetries) {
			this.fetchRetries = fetchRetries;
		}

	}

	/** Limits shared by all issuers ({@code tollgate.bearer.*}). */
	public static class Bearer {

		/**
		 * Longest bearer token accepted, in characters; longer ones are refused before any parsing. Access tokens
		 * are usually under 2 KiB.
		 */
		private int maxTokenLength = 8192;

		/** Deepest JSON nesting accepted in a JWT header or claim set (CVE-2025-53864). */
		private int maxJsonDepth = 16;

		/**
		 * Entries in the verified-token cache (keyed by the token's SHA-256; each expires at the token's
		 * {@code exp}). Repeated tokens skip signature verification. 0 disables it.
		 */
		private long verifiedTokenCacheSize = 10_000;

		/** Entries in the introspection answer cache. */
		private long introspectionCacheSize = 10_000;

		public int getMaxTokenLength() {
			return this.maxTokenLength;
		}

		public void setMaxTokenLength(int maxTokenLength) {
			this.maxTokenLength = maxTokenLength;
		}

		public int getMaxJsonDepth() {
			return this.maxJsonDepth;
		}

		public void setMaxJsonDepth(int maxJsonDepth) {
			this.maxJsonDepth = maxJsonDepth;
		}

		public long getVerifiedTokenCacheSize() {
			return this.verifiedTokenCacheSize;
		}

		public void setVerifiedTokenCacheSize(long verifiedTokenCacheSize) {
			this.verifiedTokenCacheSize = verifiedTokenCacheSize;
		}

		public long getIntrospectionCacheSize() {
			return this.introspectionCacheSize;
		}

		public void setIntrospectionCacheSize(long introspectionCacheSize) {
			this.introspectionCacheSize = introspectionCacheSize;
		}

	}

}
