package dev.tollgate.demo;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.devauth.DevAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo a newcomer runs with no configuration: the printed token commands work end to end. */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "tollgate.demo.authorization-server-port=0")
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class DemoApplicationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	DevAuthorizationServer authorizationServer;

	@Autowired
	DemoBanner banner;

	@LocalServerPort
	int port;

	@Test
	void demoWhenTokenFromDevAuthorizationServerThenEchoShowsMintedUpstreamToken() throws Exception {
		String token = clientCredentialsToken();

		Map<String, Object> echo = echo(this.client.get()
			.uri("/echo/hello")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("RateLimit-Policy", policy -> assertThat(policy).contains("q=60")));

		assertThat(echo.get("path")).isEqualTo("/echo/hello");
		String forwarded = authorization(echo);
		assertThat(forwarded).doesNotContain(token);
		assertThat(SignedJWT.parse(forwarded.substring(7)).getJWTClaimsSet().getAudience())
			.containsExactly(DemoEnvironmentPostProcessor.UPSTREAM_AUDIENCE);
	}

	@Test
	void demoWhenPrintedApiKeyThen200WithDeprecationHeadersAndUpstreamGetsMintedTokenNotKey() throws Exception {
		String key = this.banner.lines()
			.stream()
			.filter(line -> line.startsWith("demo api key: "))
			.map(line -> line.substring("demo api key: ".length()))
			.findFirst()
			.orElseThrow();

		Map<String, Object> echo = echo(this.client.get()
			.uri("/echo/hello")
			.header("X-API-Key", key)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.exists("Deprecation")
			.expectHeader()
			.exists("Sunset")
			.expectHeader()
			.value("Link", link -> assertThat(link).contains("rel=\"deprecation\"")));

		assertThat(headers(echo).keySet()).noneMatch(h -> h.equalsIgnoreCase("X-API-Key"));
		assertThat(echo.toString()).doesNotContain(key);
		SignedJWT minted = SignedJWT.parse(authorization(echo).substring(7));
		assertThat(minted.getJWTClaimsSet().getAudience())
			.containsExactly(DemoEnvironmentPostProcessor.UPSTREAM_AUDIENCE);
		assertThat(minted.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("legacy-agent");
	}

	@Test
	void demoWhenNoCredentialThen401WithBearerChallenge() {
		this.client.get()
			.uri("/echo/hello")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).startsWith("Bearer realm=\"tollgate\""));
	}

	// RFC 9728 §3.3 + RFC 8707: an agent reads the route's resource, asks the listed server for it, and is let in.
	@Test
	void demoWhenAgentFollowsProtectedResourceMetadataThenTokenForAdvertisedResourceIsAccepted() throws Exception {
		Map<String, Object> metadata = this.client.get()
			.uri("/.well-known/oauth-protected-resource/echo")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		String resource = (String) metadata.get("resource");
		assertThat(resource).isEqualTo("http://localhost:" + this.port + "/echo");
		assertThat(metadata.get("authorization_servers")).isEqualTo(List.of(this.authorizationServer.issuerUri()));
		assertThat(this.banner.lines()).anyMatch(line -> line.contains("-d resource=" + resource + " "));

		String token = token("grant_type=client_credentials&scope=echo:read&resource="
				+ URLEncoder.encode(resource, StandardCharsets.UTF_8));

		assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).containsExactly(resource);
		this.client.get()
			.uri("/echo/hello")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void demoWhenNoCredentialThenChallengeNamesMetadataUnderPublicBaseUrl() {
		this.client.get()
			.uri("/echo/hello")
			.header(HttpHeaders.HOST, "evil.example")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate\", resource_metadata=\"http://localhost:"
					+ this.port + "/.well-known/oauth-protected-resource/echo\"");
	}

	/**
	 * The printed MCP commands: a token for the MCP route's RFC 9728 resource (RFC 8707), a permitted tool call, a
	 * refused one with its scope challenge, and the filtered {@code tools/list}.
	 */
	@Test
	void demoWhenMcpCommandsRunThenPermittedCallRefusedCallWithChallengeAndFilteredList() throws Exception {
		String resource = "http://localhost:" + this.port + DemoEnvironmentPostProcessor.MCP_RESOURCE_PATH;
		this.client.get()
			.uri("/.well-known/oauth-protected-resource/mcp")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.resource")
			.isEqualTo(resource)
			.jsonPath("$.scopes_supported")
			.isEqualTo(List.of("tools:call", "orders:read", "orders:write"));
		assertThat(this.banner.lines()).anyMatch(line -> line.contains("-d resource=" + resource + " "));
		String token = token("grant_type=client_credentials&scope=tools:call%20orders:read&resource="
				+ URLEncoder.encode(resource, StandardCharsets.UTF_8));

		mcp(token, DemoMcpCalls.call("search_orders")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.result.content[0].text")
			.isEqualTo("search_orders done");
		mcp(token, DemoMcpCalls.call("refund_order")).expectStatus()
			.isForbidden()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).contains("error=\"insufficient_scope\"",
					"scope=\"tools:call orders:write\"",
					"resource_metadata=\"http://localhost:" + this.port + "/.well-known/oauth-protected-resource/mcp\""));
		mcp(token, DemoMcpCalls.LIST).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.result.tools[*].name")
			.isEqualTo(List.of("search_orders"));
	}

	private WebTestClient.ResponseSpec mcp(String token, String body) {
		return this.client.post()
			.uri(DemoEnvironmentPostProcessor.MCP_RESOURCE_PATH)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.header(HttpHeaders.ACCEPT, "application/json, text/event-stream")
			.bodyValue(body)
			.exchange();
	}

	/** Exactly what the printed curl command does: client credentials with HTTP Basic client authentication. */
	private String clientCredentialsToken() throws Exception {
		return token("grant_type=client_credentials&scope=echo:read");
	}

	private String token(String form) throws Exception {
		String basic = Base64.getEncoder().encodeToString("demo-agent:demo-secret".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.authorizationServer.tokenUri()))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
	}

	static Map<String, Object> echo(WebTestClient.ResponseSpec response) {
		return response.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
		}).returnResult().getResponseBody();
	}

	@SuppressWarnings("unchecked")
	static Map<String, List<String>> headers(Map<String, Object> echo) {
		return (Map<String, List<String>>) echo.get("headers");
	}

	static String authorization(Map<String, Object> echo) {
		return headers(echo).entrySet()
			.stream()
			.filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
			.map(e -> e.getValue().get(0))
			.findFirst()
			.orElse(null);
	}


	@Test
	void bannerWhenPrintedThenOneReadableLinePerInstruction(CapturedOutput output) {
		this.banner.onApplicationEvent(null);
		// Through the real log pattern, whose backstop turns a newline inside one message into '_'.
		List<String> printed = output.getOut().lines().filter(line -> line.contains("tollgate.demo")).toList();
		assertThat(printed).hasSizeGreaterThanOrEqualTo(this.banner.lines().size());
		assertThat(printed).anyMatch(line -> line.contains(" :    curl -i -H \"Authorization: Bearer $TOKEN\" ")
				&& line.stripTrailing().endsWith("/echo/hello"));
	}

}
