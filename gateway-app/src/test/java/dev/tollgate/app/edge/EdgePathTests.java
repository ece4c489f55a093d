package dev.tollgate.app.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.app.TollgateApplication;
import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.RawHttp;
import dev.tollgate.testkit.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Path confusion at the edge, over a raw socket so nothing normalizes the request on the way: a protected route
 * {@code /api/secret/**} next to a public catch-all {@code /**}. Every non-normalized spelling of the protected path
 * is either refused before routing (400) or routed, authenticated and forwarded exactly like {@code /api/secret};
 * never served by the public route, never forwarded raw.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EdgePathTests {

	static final String AUDIENCE = "https://gw.test/api";

	static final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();

	static final EchoUpstream upstream = EchoUpstream.start(0);

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.issuers[0].name", () -> "test");
		registry.add("tollgate.issuers[0].issuer-uri", authorizationServer::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", authorizationServer::jwksUri);
		registry.add("tollgate.minting.issuer", () -> "https://gw.test");
		registry.add("tollgate.gateway.public-base-url", () -> "https://gw.test");
		route(registry, 0, "secret", "/api/secret/**", "GET", true);
		route(registry, 1, "items-read", "/items/**", "GET", false);
		route(registry, 2, "items-write", "/items/**", "POST", true);
		route(registry, 3, "files-admin", "/files/admin/**", null, true);
		route(registry, 4, "files", "/files/**", null, false);
		registry.add("tollgate.routes[4].firewall.allow-encoded-slash", () -> "true");
		route(registry, 5, "public", "/**", null, false);
	}

	static void route(DynamicPropertyRegistry registry, int i, String id, String path, String method,
			boolean authenticated) {
		String prefix = "tollgate.routes[" + i + "].";
		registry.add(prefix + "id", () -> id);
		registry.add(prefix + "path[0]", () -> path);
		registry.add(prefix + "upstream", upstream::uri);
		if (method != null) {
			registry.add(prefix + "methods[0]", () -> method);
		}
		if (authenticated) {
			registry.add(prefix + "audience", () -> AUDIENCE);
		}
		else {
			registry.add(prefix + "credentials", () -> "");
		}
	}

	@AfterAll
	static void stop() {
		upstream.close();
		authorizationServer.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "//api/secret", "/api//secret", "/api/secret//", "/api/public/../secret",
			"/api/public/%2e%2e/secret", "/api/public/%2E%2E/secret", "/..;/api/secret", "/api/public/..;/secret",
			"/api;x=1/secret", "/api/secret;x=1", "/api/secret%3bx=1", "/api%2fsecret", "/api%2Fsecret",
			"/api%5csecret", "/api%5Csecret", "/api/%252e%252e/secret", "/api/%25%32%65/secret", "/api/./secret",
			"/api/secret/.", "/api/secret/..", "/api/%2e/secret", "/api/secret%00", "/api/secret%09",
			"/api/secret%0d%0aX-Injected:%20yes", "/api/secret%7f", "/api/secret%c2%85", "/api/.%2e/secret",
			"/api/public/%2e%2e%2fsecret", "/api/public/%c0%ae%c0%ae/secret", "/api/public/%e0%80%ae%e0%80%ae/secret" })
	void requestWhenPathNotNormalizedThen400BeforeRoutingWithoutEchoingIt(String target) {
		String token = token();
		RawHttp.Response anonymous = raw().request("GET", target);
		RawHttp.Response authenticated = raw().request("GET", target, "Authorization: Bearer " + token);

		assertThat(anonymous.status()).as(target).isEqualTo(400);
		assertThat(authenticated.status()).as(target).isEqualTo(400);
		assertThat(anonymous.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(problem(anonymous)).containsEntry("type", "https://tollgate.dev/problems/non-normalized-path")
			.containsEntry("status", 400)
			.doesNotContainKey("route");
		assertThat(anonymous.body()).doesNotContain("secret").doesNotContain(target);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/secret", "/api/secret/", "/%61pi/secret", "/api/%73ecret",
			"http://localhost/api/secret", "http://other.example/api/secret", "/api/secret#fragment",
			"x/api/secret" })
	void requestWhenPathNormalizesToProtectedPathThenAuthenticatedExactlyLikeIt(String target) throws Exception {
		RawHttp.Response anonymous = raw().request("GET", target);
		RawHttp.Response authenticated = raw().request("GET", target, "Authorization: Bearer " + token());

		assertThat(anonymous.status()).as(target).isEqualTo(401);
		assertThat(authenticated.status()).as(target).isEqualTo(200);
		// What the upstream received is the path that was routed and authenticated, percent-encoding untouched.
		String forwarded = (String) echo(authenticated).get("path");
		String expected = target.startsWith("http://") ? target.substring(target.indexOf('/', 7))
				: target.replace("#fragment", "").replaceFirst("^x/", "/");
		assertThat(forwarded).isEqualTo(expected);
	}

	@Test
	void requestWhenRawBackslashOrControlCharacterThen400() {
		for (String raw : new String[] { "GET /api\\secret HTTP/1.1\r\n", "GET /api/secret\u0000 HTTP/1.1\r\n",
				"GET /api/sec\u0001ret HTTP/1.1\r\n", "GET /api/sec\u007fret HTTP/1.1\r\n" }) {
			RawHttp.Response response = raw().send(raw + "Host: localhost\r\nConnection: close\r\n\r\n");
			assertThat(response.status()).as(raw).isEqualTo(400);
		}
	}

	@Test
	void requestWhenTabInRequestLineThenNeverServedByPublicRoute() {
		RawHttp.Response response = raw()
			.send("GET /api/\tsecret HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response.status()).isNotEqualTo(200);
	}

	@Test
	void requestWhenUppercasePathThenRoutedCaseSensitivelyAndForwardedAsIs() throws Exception {
		// Routing is case-sensitive: /API/secret is not the protected route's path. The public route may serve it, but
		// the upstream then sees exactly /API/secret, so an upstream that matches paths case-insensitively must be
		// declared with its other spellings too (see docs/security-model.md, "Paths and methods").
		RawHttp.Response response = raw().request("GET", "/API/secret");

		assertThat(response.status()).isEqualTo(200);
		assertThat(echo(response).get("path")).isEqualTo("/API/secret");
	}

	@Test
	void requestWhenMethodNotAllowedOnGetOnlyRouteThen405WithAllowRfc9110Section15_5_6() throws Exception {
		for (String method : new String[] { "POST", "PUT", "DELETE", "PATCH", "OPTIONS" }) {
			RawHttp.Response response = raw().request(method, "/api/secret/x", "Content-Length: 0");

			assertThat(response.status()).as(method).isEqualTo(405);
			assertThat(response.header("Allow")).as(method).isEqualTo("GET, HEAD");
			assertThat(response.header("WWW-Authenticate")).isNull();
			assertThat(problem(response)).containsEntry("type", "https://tollgate.dev/problems/method-not-allowed")
				.containsEntry("route", "secret");
		}
	}

	@Test
	void requestWhenHeadOnGetOnlyRouteThenServedByThatRouteRfc9110Section9_3_2() throws Exception {
		// RawHttp cannot know a HEAD response has no body; the JDK client does not rewrite this path.
		HttpResponse<Void> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/secret"))
				.method("HEAD", HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding());

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void requestWhenTwoRoutesShareAPathWithDifferentMethodsThenEachServesItsOwnAndOthersAre405() throws Exception {
		RawHttp.Response read = raw().request("GET", "/items/1");
		RawHttp.Response write = raw().request("POST", "/items/1", "Content-Length: 0");
		RawHttp.Response delete = raw().request("DELETE", "/items/1");

		assertThat(read.status()).isEqualTo(200);
		assertThat(echo(read).get("method")).isEqualTo("GET");
		assertThat(write.status()).as("the write route authenticates").isEqualTo(401);
		assertThat(delete.status()).isEqualTo(405);
		assertThat(delete.header("Allow")).isEqualTo("GET, HEAD, POST");
		assertThat(problem(delete)).containsEntry("route", "items-read");
	}

	@Test
	void requestWhenMethodOutsideGatewayListThen400() {
		for (String method : new String[] { "TRACE", "PROPFIND", "CONNECT" }) {
			RawHttp.Response response = raw().request(method, "/anything");
			assertThat(response.status()).as(method).isEqualTo(400);
			if (!method.equals("CONNECT")) {
				assertThat(problem(response)).containsEntry("type", "https://tollgate.dev/problems/method-not-allowed");
			}
		}
	}

	@Test
	void requestWhenMethodNameNotUpperCaseThen400MethodsAreCaseSensitiveRfc9110Section9_1() {
		for (String method : new String[] { "get", "Get", "post" }) {
			RawHttp.Response response = raw().request(method, "/api/secret");
			assertThat(response.status()).as(method).isEqualTo(400);
		}
	}

	@Test
	void requestWhenMethodOverrideHeaderNamesAnotherMethodThen400() {
		for (String header : new String[] { "X-HTTP-Method-Override: DELETE", "x-http-method: PUT",
				"X-Method-Override: delete" }) {
			RawHttp.Response response = raw().request("GET", "/api/secret",
					"Authorization: Bearer " + token(), header);
			assertThat(response.status()).as(header).isEqualTo(400);
			assertThat(problem(response)).containsEntry("type", "https://tollgate.dev/problems/method-override");
		}
		assertThat(raw().request("GET", "/anything", "X-HTTP-Method-Override: GET").status()).isEqualTo(200);
	}

	@Test
	void requestWhenHeaderHoldsControlCharacterThen400() {
		RawHttp.Response response = raw().request("GET", "/anything", "X-Note: a\u0001b");
		assertThat(response.status()).isEqualTo(400);
	}

	@Test
	void requestWhenQueryParameterNameHoldsControlCharacterThen400() {
		RawHttp.Response response = raw().request("GET", "/anything?a%01b=1");
		assertThat(response.status()).isEqualTo(400);
		assertThat(problem(response)).containsEntry("type", "https://tollgate.dev/problems/invalid-query");
	}

	@Test
	void requestWhenEncodedSlashOnRouteThatAllowsItThenForwardedAsSent() throws Exception {
		RawHttp.Response response = raw().request("GET", "/files/a%2Fb");

		assertThat(response.status()).isEqualTo(200);
		assertThat(echo(response).get("path")).isEqualTo("/files/a%2Fb");
	}

	@Test
	void requestWhenEncodedSlashWouldReachAnotherRoutesPathThen400() {
		// Decoded, /files/admin%2Fsecret is /files/admin/secret: the protected files-admin route's path.
		assertThat(raw().request("GET", "/files/admin%2Fsecret").status()).isEqualTo(400);
		assertThat(raw().request("GET", "/files/a%2F..%2F..%2Fapi%2Fsecret").status()).isEqualTo(400);
		assertThat(raw().request("GET", "/files/a%5Cb").status()).as("only %2F is relaxed").isEqualTo(400);
		assertThat(raw().request("GET", "/api%2Fsecret").status()).as("only on the files route").isEqualTo(400);
		assertThat(raw().request("GET", "/files/admin/x").status()).isEqualTo(401);
	}

	@Test
	void requestWhenActuatorOrMetadataPathNotNormalizedThen400() {
		assertThat(raw().request("GET", "/actuator/health").status()).isEqualTo(200);
		assertThat(raw().request("GET", "//actuator/health").status()).isEqualTo(400);
		assertThat(raw().request("GET", "/actuator;x=1/health").status()).isEqualTo(400);
		assertThat(raw().request("GET", "/.well-known/oauth-protected-resource/api/secret").status()).isEqualTo(200);
		assertThat(raw().request("GET", "/.well-known/oauth-protected-resource//api/secret").status())
			.isEqualTo(400);
	}

	@Test
	void requestWhenRefusedAtEdgeThenDecisionRecordedWithBoundedTags() {
		double before = edgeRejections();
		raw().request("GET", "/api/public/../secret");
		assertThat(edgeRejections()).isEqualTo(before + 1);
	}

	private double edgeRejections() {
		Counter counter = this.meters.find("tollgate.decisions")
			.tags("stage", "edge", "outcome", "rejected", "reason", "non_normalized_path", "route", "-")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private RawHttp raw() {
		return RawHttp.to(this.port);
	}

	private static String token() {
		return authorizationServer.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> echo(RawHttp.Response response) {
		return JSON.readValue(response.body(), Map.class);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> problem(RawHttp.Response response) {
		return JSON.readValue(response.body(), Map.class);
	}

}
