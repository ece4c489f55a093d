package dev.tollgate.filters.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Gateway-wide settings shared by every stage ({@code tollgate.gateway.*}).
 *
 * @param realm Realm named in every {@code WWW-Authenticate} challenge (RFC 6750 §3).
 * @param publicBaseUrl The gateway's externally visible base URL, e.g. {@code https://gateway.example.com}: an
 * absolute http or https URL without user info, path, query or fragment (a trailing slash is dropped; scheme and host
 * are lower-cased, a default port removed). The only source of absolute URLs the gateway hands out: RFC 9728
 * {@code resource_metadata} in 401 challenges and {@code resource} in metadata documents, each route's
 * {@code resource} being this URL plus the route's path, which the route also accepts as token audience. Never
 * derived from {@code Host}, {@code X-Forwarded-*} or {@code Forwarded}. No default: required as soon as one route
 * authenticates (startup fails naming this property); the demo sets {@code http://localhost:<server.port>}.
 * @param stripHeaders Further inbound headers to remove from every request, before routing, in addition to the
 * default identity headers ({@code IdentityHeaderDefaults}: the gateway's own {@code X-Tollgate-*}, remote-user,
 * forwarded-user, auth-request, consumer, cloud identity and generic user/role/scope headers). Matched ignoring case,
 * with {@code _} and {@code -} treated alike; a name ending in {@code *} is a prefix, e.g. {@code X-Internal-*}.
 * @param trustedProxies Proxies allowed to say who the client is: IPv4/IPv6 addresses or CIDR ranges, e.g.
 * {@code [10.0.0.0/8]}. Only when the TCP peer is one of them are {@code Forwarded} / {@code X-Forwarded-For} read,
 * and then the client is the nearest address in the chain that is not a trusted proxy. Empty (default): trust
 * nobody; the client is the TCP peer and forwarding headers are ignored.
 * @param failedAuth The limit on failed authentications per client address.
 * @param failedCredentials The negative cache of credentials that failed.
 */
@ConfigurationProperties("tollgate.gateway")
public record TollgateGatewayProperties(@DefaultValue("tollgate") String realm, String publicBaseUrl,
		@DefaultValue List<String> stripHeaders, @DefaultValue List<String> trustedProxies,
		@DefaultValue FailedAuth failedAuth, @DefaultValue FailedCredentials failedCredentials) {

	public TollgateGatewayProperties {
		stripHeaders = (stripHeaders != null) ? List.copyOf(stripHeaders) : List.of();
		trustedProxies = (trustedProxies != null) ? List.copyOf(trustedProxies) : List.of();
	}

	/**
	 * {@code tollgate.gateway.failed-auth.*}: failed authentications per client address.
	 *
	 * @param enabled Refuse, with 429 and {@code Retry-After}, requests from a client address that failed
	 * authentication more than {@code limit} allows, until its window ends. Per gateway instance.
	 * @param limit Failed authentications allowed per client address and fixed window, in the rate-limit syntax
	 * ({@code <count>/<amount><unit>}, unit s, m, h or d). Only presented credentials that are refused (401
	 * {@code invalid_token}) count; a request without a credential does not. The default is deliberately above what
	 * a misconfigured client retrying with backoff, or many agents sharing one egress address, produce, while
	 * capping what one address can make the gateway spend on introspection and key lookups.
	 * @param maxAddresses Most client addresses tracked at once (IPv6 by /64); past it, size eviction drops some
	 * windows.
	 */
	public record FailedAuth(@DefaultValue("true") boolean enabled, @DefaultValue("100/1m") String limit,
			@DefaultValue("100000") long maxAddresses) {
	}

	/**
	 * {@code tollgate.gateway.failed-credentials.*}: the negative cache of credentials that failed.
	 *
	 * @param ttl How long a definitive failure (unknown, revoked or expired API key; JWT with a bad signature,
	 * unknown issuer, malformed or expired) is remembered by the credential's hash and answered again identically
	 * without a signature check or store lookup. Also the longest a credential that becomes valid later can still be
	 * refused from the cache (API keys: the cache is dropped on every key change announced on the bus). Zero disables
	 * the cache.
	 * @param maxEntries Most failures remembered, per credential kind (bearer, API key).
	 */
	public record FailedCredentials(@DefaultValue("30s") Duration ttl, @DefaultValue("10000") long maxEntries) {
	}

}
