package dev.tollgate.app.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.strip.SpoofableHeaders;
import dev.tollgate.testkit.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What reaches the upstream, over a raw socket: identity headers that proxies and frameworks trust never do, on any
 * route, in any case or {@code _}/{@code -} spelling, duplicated or not (RFC 9700 §4.13); caller credentials never do
 * either, unless a public route forwards them.
 */
class StrippedHeadersEdgeTests extends EdgeGateway {

	/** One member of each default family, spelled oddly, plus the configured extras. */
	static final List<String> SPOOFED = List.of("X_Tollgate_Client_Id: s", "remote_user: s", "X-REMOTE-EMAIL: s",
			"sm_user: s", "x_forwarded_user: s", "X-Forwarded-EMAIL: s", "x-forwarded_preferred_username: s",
			"X_Forwarded_Groups: s", "x-forwarded-access_token: s", "x_auth_request_user: s",
			"X-Auth-Request-Preferred-Username: s", "X_AUTH_REQUEST_ACCESS_TOKEN: s", "x_consumer_id: s",
			"X-Consumer-Custom-ID: s", "x_credential_identifier: s", "X-Anonymous-Consumer: s",
			"x_authenticated_userid: s", "X-AUTHENTICATED-SCOPE: s", "x-amzn-oidc-identity: s",
			"X_MS_CLIENT_PRINCIPAL: s", "x-ms-client-principal-name: s", "X_Goog_Authenticated_User_Email: s",
			"cf-access-jwt_assertion: s", "x_user: s", "X-User-Id: s", "x_username: s", "X-Email: s",
			"x_client_id: s", "X-ROLES: s", "x_scope: s", "X-Groups: s", "x_userinfo: s", "X_Jwt_Payload: s",
			"x-id_token: s", "X_ACCESS_TOKEN: s", "x_internal_tenant: s");

	private static final SpoofableHeaders DEFAULTS = SpoofableHeaders.of(List.of("X-Internal-*"));

	@Test
	void requestWhenIdentityHeadersOfEveryFamilyThenNoneReachUpstreamOnAnyRoute() {
		List<String> authenticated = new ArrayList<>(SPOOFED);
		authenticated.add("X-API-Key: " + apiKey());
		assertNoSpoofedHeaders(raw().request("GET", "/orders/1", authenticated.toArray(String[]::new)));
		assertNoSpoofedHeaders(raw().request("GET", "/public/1", SPOOFED.toArray(String[]::new)));
		assertNoSpoofedHeaders(raw().request("GET", "/open/1", SPOOFED.toArray(String[]::new)));
		assertNoSpoofedHeaders(raw().request("GET", "/manual/1", SPOOFED.toArray(String[]::new)));
		assertNoSpoofedHeaders(raw().request("GET", "/manual-open/1", SPOOFED.toArray(String[]::new)));
	}

	@Test
	void requestWhenIdentityHeaderDuplicatedInSeveralSpellingsThenAllRemoved() {
		RawHttp.Response response = raw().request("GET", "/public/1", "X-Forwarded-User: a", "x-forwarded-user: b",
				"X_Forwarded_User: c", "x_forwarded_user: d", "X-Route-Only: r", "x_route_only: r2", "X-Kept: k");

		Map<String, List<String>> upstream = upstreamHeaders(response);
		assertThat(upstream.keySet()).noneMatch(h -> SpoofableHeaders.normalize(h).equals("x-forwarded-user"))
			.noneMatch(h -> SpoofableHeaders.normalize(h).equals("x-route-only"));
		assertThat(values(upstream, "X-Kept")).containsExactly("k");
	}

	@Test
	void requestWhenApiKeyHeaderInAnotherSpellingOnAuthenticatingRouteThen400NeverTheCredential() {
		for (String variant : List.of("X_API_Key", "x-api_key", "X_API_KEY")) {
			RawHttp.Response alone = raw().request("GET", "/orders/1", variant + ": " + apiKey());
			RawHttp.Response withBearer = raw().request("GET", "/orders/1", "Authorization: Bearer " + token(),
					variant + ": " + apiKey());

			assertThat(alone.status()).as(variant).isEqualTo(400);
			assertThat(alone.body()).as(variant).contains("api-key-header-variant");
			assertThat(withBearer.status()).as(variant).isEqualTo(400);
		}
	}

	@Test
	void requestWhenAuthenticatedThenUpstreamGetsNoCallerCredentialCookieOrProxyAuthorization() {
		RawHttp.Response response = raw().request("GET", "/orders/1", "X-API-Key: " + apiKey(), "Cookie: session=s1",
				"Proxy-Authorization: Basic eDp5");

		Map<String, List<String>> upstream = upstreamHeaders(response);
		assertThat(values(upstream, "Authorization")).singleElement().asString().startsWith("Bearer ey");
		assertThat(values(upstream, "Cookie")).isEmpty();
		assertThat(values(upstream, "Proxy-Authorization")).isEmpty();
		assertThat(response.body()).doesNotContain(apiKey());
	}

	@Test
	void requestWhenPublicRouteThenCallerCredentialsInEverySpellingRemoved() {
		for (String path : List.of("/public/1", "/manual/1")) {
			RawHttp.Response response = raw().request("GET", path, "Authorization: Bearer abc", "X-API-Key: k1",
					"x_api_key: k2", "X-Api_Key: k3", "Cookie: session=s1", "Proxy-Authorization: Basic eDp5");

			Map<String, List<String>> upstream = upstreamHeaders(response);
			assertThat(upstream.keySet()).as(path)
				.noneMatch(h -> List.of("authorization", "x-api-key", "cookie", "proxy-authorization")
					.contains(SpoofableHeaders.normalize(h)));
		}
	}

	@Test
	void requestWhenPublicRouteForwardsCredentialsThenUpstreamGetsThemButNoIdentityHeaders() {
		for (String path : List.of("/open/1", "/manual-open/1")) {
			RawHttp.Response response = raw().request("GET", path, "Authorization: Bearer abc", "X-API-Key: k1",
					"Cookie: session=s1", "Proxy-Authorization: Basic eDp5", "X-Forwarded-User: admin");

			Map<String, List<String>> upstream = upstreamHeaders(response);
			assertThat(values(upstream, "Authorization")).as(path).containsExactly("Bearer abc");
			assertThat(values(upstream, "X-API-Key")).as(path).containsExactly("k1");
			assertThat(values(upstream, "Cookie")).as(path).containsExactly("session=s1");
			// Meant for the first proxy (RFC 9110 §11.7.2), never forwarded.
			assertThat(values(upstream, "Proxy-Authorization")).as(path).isEmpty();
			assertThat(values(upstream, "X-Forwarded-User")).as(path).isEmpty();
		}
	}

	private static void assertNoSpoofedHeaders(RawHttp.Response response) {
		Map<String, List<String>> upstream = upstreamHeaders(response);
		assertThat(upstream.keySet()).noneMatch(DEFAULTS::matches);
		assertThat(upstream.values()).noneMatch(v -> v.contains("s"));
	}

}
