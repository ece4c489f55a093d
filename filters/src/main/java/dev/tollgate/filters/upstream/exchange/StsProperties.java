package dev.tollgate.filters.upstream.exchange;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Token-exchange profiles (RFC 8693), defined once and referenced by name from routes
 * ({@code upstream-token: { exchange: <name>, audience, resource, scopes }}). An incomplete profile stops startup with
 * a message naming the property ({@link StsPropertiesValidator}).
 *
 * @param sts STS profiles by name, e.g. {@code tollgate.sts.corp.token-uri}. Empty: no token exchange is configured.
 */
@ConfigurationProperties("tollgate")
public record StsProperties(@DefaultValue Map<String, Sts> sts) {

	public StsProperties {
		sts = (sts != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(sts)) : Map.of();
	}

	/**
	 * One STS: where its token endpoint is, how the gateway authenticates there, and how results are cached.
	 *
	 * @param tokenUri The STS token endpoint (absolute http or https URI), e.g.
	 * {@code https://idp.example.com/oauth2/token}.
	 * @param clientId The gateway's client id at the STS. The client must be allowed the token-exchange grant.
	 * @param clientSecret The gateway's client secret; required for {@code client_secret_basic} and
	 * {@code client_secret_post}.
	 * @param clientAuth Client authentication at the token endpoint: client_secret_basic (default),
	 * client_secret_post or private_key_jwt.
	 * @param privateKey For {@code private_key_jwt}: the private signing key, as a JWK or JWK Set JSON file, or a
	 * PKCS#12 / JKS keystore ({@code .p12}, {@code .pfx}, {@code .jks}), e.g.
	 * {@code file:/etc/tollgate/sts-client.jwk.json}.
	 * @param privateKeyId Which key of a JWK Set or keystore to use (its {@code kid} or alias); unset: the only
	 * private key in it.
	 * @param keystorePassword Password of the keystore named by {@code private-key}; unused for JWK files.
	 * @param signingAlgorithm JWS algorithm of client assertions, e.g. ES256, PS256, RS256, EdDSA; unset: derived from
	 * the key type.
	 * @param assertionTtl Lifetime of each client assertion ({@code exp} − {@code iat}, RFC 7523 §3); short, each has
	 * a new jti.
	 * @param timeout Whole budget of one STS call (connect, send, receive); past it the exchange fails with 503.
	 * @param cacheMaxSize Most exchanged tokens kept in this profile's cache; the least recently used are evicted
	 * beyond it.
	 * @param refreshMargin Cached tokens are dropped this long before the subject token or the exchanged token
	 * expires.
	 * @param negativeCacheTtl How long an STS refusal (e.g. {@code invalid_target}) for one subject token and target
	 * is remembered.
	 * @param retryAfter {@code Retry-After} sent with the 503 when the STS is down or slow (an STS
	 * {@code Retry-After} wins).
	 * @param actorToken Whether to send an {@code actor_token} naming the gateway, so the STS can issue an
	 * {@code act} claim (RFC 8693 §4.1): none (default), client_credentials or client_assertion.
	 * @param actorScopes Scopes to request for the gateway's own client-credentials actor token; empty: the client's
	 * defaults.
	 * @param retryOnUpstream401 Whether an upstream 401 drops the cached token and retries the request once with a
	 * fresh exchange.
	 */
	public record Sts(URI tokenUri, String clientId, String clientSecret,
			@DefaultValue("client_secret_basic") ClientAuthMethod clientAuth, Resource privateKey,
			String privateKeyId, String keystorePassword, String signingAlgorithm,
			@DefaultValue("60s") Duration assertionTtl, @DefaultValue("2s") Duration timeout,
			@DefaultValue("10000") long cacheMaxSize, @DefaultValue("30s") Duration refreshMargin,
			@DefaultValue("5s") Duration negativeCacheTtl, @DefaultValue("5s") Duration retryAfter,
			@DefaultValue("none") ActorTokenMode actorToken, @DefaultValue List<String> actorScopes,
			@DefaultValue("true") boolean retryOnUpstream401) {

		public Sts {
			actorScopes = (actorScopes != null) ? List.copyOf(actorScopes) : List.of();
		}

		@Override
		public String toString() {
			return "Sts[tokenUri=" + this.tokenUri + ", clientId=" + this.clientId + ", clientAuth=" + this.clientAuth
					+ "]";
		}

	}

}
