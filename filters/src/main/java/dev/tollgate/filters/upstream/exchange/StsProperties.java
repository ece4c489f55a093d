package dev.tollgate.filters.upstream.exchange;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Token-exchange profiles (RFC 8693), defined once and referenced by name from routes
 * ({@code upstream-token: { exchange: <name>, audience, resource, scopes }}). An incomplete profile stops startup with
 * a message naming the property ({@link StsPropertiesValidator}).
 */
@ConfigurationProperties("tollgate")
public class StsProperties {

	/** STS profiles by name, e.g. {@code tollgate.sts.corp.token-uri}. Empty: no token exchange is configured. */
	private Map<String, Sts> sts = new LinkedHashMap<>();

	public Map<String, Sts> getSts() {
		return this.sts;
	}

	public void setSts(Map<String, Sts> sts) {
		this.sts = sts;
	}

	/** One STS: where its token endpoint is, how the gateway authenticates there, and how results are cached. */
	public static class Sts {

		/** The STS token endpoint (absolute http or https URI), e.g. {@code https://idp.example.com/oauth2/token}. */
		private URI tokenUri;

		/** The gateway's client id at the STS. The client must be allowed the token-exchange grant. */
		private String clientId;

		/** The gateway's client secret; required for {@code client_secret_basic} and {@code client_secret_post}. */
		private String clientSecret;

		/**
		 * Client authentication at the token endpoint: client_secret_basic (default), client_secret_post or
		 * private_key_jwt.
		 */
		private ClientAuthMethod clientAuth = ClientAuthMethod.CLIENT_SECRET_BASIC;

		/**
		 * For {@code private_key_jwt}: the private signing key, as a JWK or JWK Set JSON file, or a PKCS#12 / JKS
		 * keystore ({@code .p12}, {@code .pfx}, {@code .jks}), e.g. {@code file:/etc/tollgate/sts-client.jwk.json}.
		 */
		private Resource privateKey;

		/** Which key of a JWK Set or keystore to use (its {@code kid} or alias); unset: the only private key in it. */
		private String privateKeyId;

		/** Password of the keystore named by {@code private-key}; unused for JWK files. */
		private String keystorePassword;

		/** JWS algorithm of client assertions, e.g. ES256, PS256, RS256, EdDSA; unset: derived from the key type. */
		private String signingAlgorithm;

		/** Lifetime of each client assertion ({@code exp} − {@code iat}, RFC 7523 §3); short, each has a new jti. */
		private Duration assertionTtl = Duration.ofSeconds(60);

		/** Whole budget of one STS call (connect, send, receive); past it the exchange fails with 503. */
		private Duration timeout = Duration.ofSeconds(2);

		/** Most exchanged tokens kept in this profile's cache; the least recently used are evicted beyond it. */
		private long cacheMaxSize = 10_000;

		/** Cached tokens are dropped this long before the subject token or the exchanged token expires. */
		private Duration refreshMargin = Duration.ofSeconds(30);

		/** How long an STS refusal (e.g. {@code invalid_target}) for one subject token and target is remembered. */
		private Duration negativeCacheTtl = Duration.ofSeconds(5);

		/** {@code Retry-After} sent with the 503 when the STS is down or slow (an STS {@code Retry-After} wins). */
		private Duration retryAfter = Duration.ofSeconds(5);

		/**
		 * Whether to send an {@code actor_token} naming the gateway, so the STS can issue an {@code act} claim (RFC
		 * 8693 §4.1): none (default), client_credentials or client_assertion.
		 */
		private ActorTokenMode actorToken = ActorTokenMode.NONE;

		/** Scopes to request for the gateway's own client-credentials actor token; empty: the client's defaults. */
		private List<String> actorScopes = new ArrayList<>();

		/** Whether an upstream 401 drops the cached token and retries the request once with a fresh exchange. */
		private boolean retryOnUpstream401 = true;

		public URI getTokenUri() {
			return this.tokenUri;
		}

		public void setTokenUri(URI tokenUri) {
			this.tokenUri = tokenUri;
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

		public ClientAuthMethod getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(ClientAuthMethod clientAuth) {
			this.clientAuth = clientAuth;
		}

		public Resource getPrivateKey() {
			return this.privateKey;
		}

		public void setPrivateKey(Resource privateKey) {
			this.privateKey = privateKey;
		}

		public String getPrivateKeyId() {
			return this.privateKeyId;
		}

		public void setPrivateKeyId(String privateKeyId) {
			this.privateKeyId = privateKeyId;
		}

		public String getKeystorePassword() {
			return this.keystorePassword;
		}

		public void setKeystorePassword(String keystorePassword) {
			this.keystorePassword = keystorePassword;
		}

		public String getSigningAlgorithm() {
			return this.signingAlgorithm;
		}

		public void setSigningAlgorithm(String signingAlgorithm) {
			this.signingAlgorithm = signingAlgorithm;
		}

		public Duration getAssertionTtl() {
			return this.assertionTtl;
		}

		public void setAssertionTtl(Duration assertionTtl) {
			this.assertionTtl = assertionTtl;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public long getCacheMaxSize() {
			return this.cacheMaxSize;
		}

		public void setCacheMaxSize(long cacheMaxSize) {
			this.cacheMaxSize = cacheMaxSize;
		}

		public Duration getRefreshMargin() {
			return this.refreshMargin;
		}

		public void setRefreshMargin(Duration refreshMargin) {
			this.refreshMargin = refreshMargin;
		}

		public Duration getNegativeCacheTtl() {
			return this.negativeCacheTtl;
		}

		public void setNegativeCacheTtl(Duration negativeCacheTtl) {
			this.negativeCacheTtl = negativeCacheTtl;
		}

		public Duration getRetryAfter() {
			return this.retryAfter;
		}

		public void setRetryAfter(Duration retryAfter) {
			this.retryAfter = retryAfter;
		}

		public ActorTokenMode getActorToken() {
			return this.actorToken;
		}

		public void setActorToken(ActorTokenMode actorToken) {
			this.actorToken = actorToken;
		}

		public List<String> getActorScopes() {
			return this.actorScopes;
		}

		public void setActorScopes(List<String> actorScopes) {
			this.actorScopes = actorScopes;
		}

		public boolean isRetryOnUpstream401() {
			return this.retryOnUpstream401;
		}

		public void setRetryOnUpstream401(boolean retryOnUpstream401) {
			this.retryOnUpstream401 = retryOnUpstream401;
		}

	}

}
