package dev.tollgate.filters.strip;

import java.util.List;
import java.util.stream.Stream;

/**
 * The identity headers stripped from every inbound request by default, by family. Upstream stacks trust these
 * headers as "the proxy in front of me authenticated this user"; a gateway that forwards a caller's own copy lets
 * the caller be anyone (RFC 9700 §4.13). A name ending in {@code *} is a prefix. Matching ignores case and treats
 * {@code _} like {@code -} ({@link SpoofableHeaders}). Operators add names with {@code tollgate.gateway.strip-headers}
 * (every route) or {@code tollgate.routes[].strip-headers} (one route).
 */
public final class IdentityHeaderDefaults {

	/** The headers the gateway itself sets or may set for upstreams: its whole namespace. */
	public static final List<String> GATEWAY = List.of("X-Tollgate-*");

	/** Web-server and SSO style: Apache/CGI {@code REMOTE_USER}, Authelia, Spring Security's SiteMinder default. */
	public static final List<String> REMOTE_USER = List.of("Remote-User", "Remote-Email", "Remote-Groups",
			"Remote-Name", "X-Remote-User", "X-Remote-Email", "X-Remote-Groups", "X-Remote-Name", "SM-User");

	/** oauth2-proxy and similar: the forwarded user and their token. */
	public static final List<String> FORWARDED_USER = List.of("X-Forwarded-User", "X-Forwarded-Email",
			"X-Forwarded-Preferred-Username", "X-Forwarded-Groups", "X-Forwarded-Access-Token");

	/** nginx {@code auth_request} with oauth2-proxy: {@code X-Auth-Request-User}, {@code -Email}, {@code -Groups}... */
	public static final List<String> AUTH_REQUEST = List.of("X-Auth-Request-*");

	/** Kong and API gateways of its kind: consumer and authenticated-user headers. */
	public static final List<String> CONSUMER = List.of("X-Consumer-*", "X-Credential-Identifier",
			"X-Anonymous-Consumer", "X-Authenticated-*");

	/** Cloud identity proxies: AWS ALB, Azure App Service, Google IAP, Cloudflare Access, Pomerium. */
	public static final List<String> CLOUD = List.of("X-Amzn-Oidc-*", "X-MS-Client-Principal*", "X-MS-Token-*",
			"X-Goog-Authenticated-User-*", "X-Goog-Iap-Jwt-Assertion", "Cf-Access-*", "X-Pomerium-*");

	/** Generic user, client, role and scope headers many applications read. */
	public static final List<String> GENERIC = List.of("X-User", "X-User-Id", "X-User-Name", "X-User-Email",
			"X-User-Roles", "X-User-Groups", "X-Username", "X-Email", "X-Client-Id", "X-Roles", "X-Role", "X-Scope",
			"X-Scopes", "X-Groups", "X-Userinfo", "X-Jwt-*", "X-Id-Token", "X-Access-Token");

	/** Every family above. */
	public static final List<String> ALL = Stream
		.of(GATEWAY, REMOTE_USER, FORWARDED_USER, AUTH_REQUEST, CONSUMER, CLOUD, GENERIC)
		.flatMap(List::stream)
		.toList();

	private IdentityHeaderDefaults() {
	}

}
