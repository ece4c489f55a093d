package dev.tollgate.app;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.RawHttp;
import dev.tollgate.testkit.TestAuthorizationServer;
import dev.tollgate.testkit.TestJwks;
import dev.tollgate.testkit.TestJwts;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running gateway builds absolute URLs from {@code tollgate.gateway.public-base-url} only: whatever a caller puts
 * in {@code Host}, {@code X-Forwarded-*}, {@code Forwarded} or an absolute-form request target, the 401 challenge and
 * the RFC 9728 document name the configured base URL. The advertised {@code resource} is a token audience the route
 * accepts (RFC 9728 §3.3 with RFC 8707), besides the route's configured {@code audience}. Tokens with a registered
 * claim of JSON null or a scope array are refused end to end. Requests go over a raw socket, so nothing normalises
 * what is sent.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PublicBaseUrlEdgeTests {

	static final String BASE = "https://gw.test";

	static final String RESOURCE = BASE + "/orders";

	static final String METADATA = BASE + "/.well-known/oauth-protected-resource/orders";

	/** A logical audience, deliberately different from the resource URL, as IdPs with API identifiers issue. */
	static final String AUDIENCE = "urn:tollgate-test:orders-api";

	static final TestAuthorizationServer authorizationServer = TestAuthorizationServer.shared();

	/** An issuer whose checked-in keys let the test sign exactly the malformed token it needs. */
	static final TestJwks lab = TestJwks.start(TestKeys.rsa1());

	static final EchoUpstream upstream = EchoUpstream.start(0);

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.public-base-url", () -> BASE + "/");
		registry.add("tollgate.issuers[0].name", () -> "test");
		registry.add("tollgate.issuers[0].issuer-uri", authorizationServer::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", authorizationServer::jwksUri);
		registry.add("tollgate.issuers[1].name", () -> "lab");
		registry.add("tollgate.issuers[1].issuer-uri", lab::issuerUri);
		registry.add("tollgate.issuers[1].jwks-uri", lab::jwksUri);
		registry.add("tollgate.minting.issuer", () -> BASE);
		registry.add("tollgate.routes[0].id", () -> "orders");
		registry.add("tollgate.routes[0].path[0]", () -> "/orders/**");
		registry.add("tollgate.routes[0].upstream", upstream::uri);
		registry.add("tollgate.routes[0].audience", () -> AUDIENCE);
		registry.add("tollgate.routes[0].scopes[0]", () -> "orders:read");
		registry.add("tollgate.routes[0].upstream-token.audience", () -> "orders-api");
		registry.add("tollgate.routes[1].id", () -> "billing");
		registry.add("tollgate.routes[1].path[0]", () -> "/billing/**");
		registry.add("tollgate.routes[1].upstream", upstream::uri);
		registry.add("tollgate.routes[1].audience", () -> "urn:tollgate-test:billing-api");
		registry.add("tollgate.routes[1].upstream-token.audience", () -> "billing-api");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		lab.close();
	}

	/** Header blocks a caller may use to make the gateway believe it has another name (RFC 9110 §7.2, RFC 7239). */
	@ParameterizedTest
	@ValueSource(strings = { "Host: evil.example", "Host: evil.example:8443",
			"Host: localhost\r\nX-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Port: 6666",
			"Host: localhost\r\nX-Forwarded-Host: evil.example, gw.test\r\nX-Forwarded-Prefix: /evil",
			"Host: localhost\r\nForwarded: host=evil.example;proto=https",
			"Host: localhost\r\nForwarded: for=1.2.3.4;host=\"evil.example:443\";proto=http, host=gw.test",
			"Host: evil.example\r\nForwarded: host=evil.example\r\nX-Forwarded-Host: evil.example" })
	void challengeWhenCallerNamesAnotherHostThenResourceMetadataIsConfiguredUrlRfc9728Section5_1(String headers) {
		RawHttp.Response response = RawHttp.to(this.port)
			.send("GET /orders/1 HTTP/1.1\r\n" + headers + "\r\nConnection: close\r\n\r\n");

		assertOnlyConfiguredChallenge(response);
	}

	// RFC 9112 §3.2.2: with an absolute-form target the server uses its authority and ignores Host.
	@ParameterizedTest
	@ValueSource(strings = { "Host: evil.example", "Host: localhost", "Host: gw.test" })
	void challengeWhenAbsoluteFormTargetNamesAnotherHostThenResourceMetadataIsConfiguredUrl(String host) {
		RawHttp.Response response = RawHttp.to(this.port)
			.send("GET http://evil.example/orders/1 HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n");

		assertOnlyConfiguredChallenge(response);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/.well-known/oauth-protected-resource/orders HTTP/1.1\r\nHost: evil.example",
			"/.well-known/oauth-protected-resource/orders HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Host: evil.example"
					+ "\r\nX-Forwarded-Proto: http",
			"/.well-known/oauth-protected-resource/orders HTTP/1.1\r\nHost: localhost\r\nForwarded: host=evil.example"
					+ ";proto=https",
			"http://evil.example/.well-known/oauth-protected-resource/orders HTTP/1.1\r\nHost: evil.example" })
	void metadataWhenCallerNamesAnotherHostThenResourceIsConfiguredUrlRfc9728Section3_3(String requestLineRest) {
		RawHttp.Response response = RawHttp.to(this.port)
			.send("GET " + requestLineRest + "\r\nConnection: close\r\n\r\n");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"resource\":\"" + RESOURCE + "\"");
		assertThat(response.toString() + response.headerLines().toString()).doesNotContainIgnoringCase("evil");
	}

	// RFC 9728 §3.3 + RFC 8707: an agent asks for the advertised resource; the route accepts that audience.
	@Test
	void requestWhenTokenAudienceIsAdvertisedResourceThen200() {
		String token = tokenForResource(RESOURCE);

		assertThat(get("/orders/1", token).status()).isEqualTo(200);
	}

	@Test
	void requestWhenTokenAudienceIsConfiguredAudienceThen200() {
		String token = authorizationServer.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");

		assertThat(get("/orders/1", token).status()).isEqualTo(200);
	}

	// RFC 9068 §4: a token for another route's resource is not valid here, nor one naming the caller's own host.
	@ParameterizedTest
	@ValueSource(strings = { BASE + "/billing", "https://evil.example/orders", BASE, RESOURCE + "/",
			"http://gw.test/orders" })
	void requestWhenTokenAudienceIsAnotherResourceThen401InvalidToken(String audience) {
		String token = tokenForResource(audience);

		RawHttp.Response response = get("/orders/1", token);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
	}

	@Test
	void requestWhenLabTokenWellFormedThen200() {
		String token = TestJwts.jwt().issuer(lab.issuerUri()).audience(RESOURCE).build();

		assertThat(get("/orders/1", token).status()).isEqualTo(200);
	}

	// RFC 7519 §4.1, RFC 9068 §2.2: "nbf": null is a malformed claim, not an absent one.
	@Test
	void requestWhenRegisteredClaimIsJsonNullThen401InvalidToken() {
		String token = TestJwts.jwt().issuer(lab.issuerUri()).audience(RESOURCE).nullClaim("nbf").build();

		RawHttp.Response response = get("/orders/1", token);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
	}

	// RFC 6749 §3.3, RFC 9068 §2.2.3: scope is one space-delimited string, never an array.
	@Test
	void requestWhenScopeIsJsonArrayThen401InvalidToken() {
		String token = TestJwts.jwt()
			.issuer(lab.issuerUri())
			.audience(RESOURCE)
			.claim("scope", List.of("orders:read"))
			.build();

		RawHttp.Response response = get("/orders/1", token);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
	}

	private RawHttp.Response get(String path, String token) {
		return RawHttp.to(this.port).request("GET", path, "Authorization: Bearer " + token);
	}

	private static String tokenForResource(String resource) {
		HttpResponse<String> response = authorizationServer.postForm(authorizationServer.tokenUri(), "agent-rs",
				Map.of("grant_type", "client_credentials", "scope", "orders:read", "resource", resource));
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
	}

	private static void assertOnlyConfiguredChallenge(RawHttp.Response response) {
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate"))
			.isEqualTo("Bearer realm=\"tollgate\", resource_metadata=\"" + METADATA + "\"");
		assertThat(response.toString() + response.headerLines().stream().map(h -> h[0] + ": " + h[1]).toList())
			.doesNotContainIgnoringCase("evil");
	}

}
