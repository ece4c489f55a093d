package dev.tollgate.app;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.testkit.EchoUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys through the whole gateway: a key issued through the admin endpoint, in {@code warn}, gets 200 with
 * {@code Deprecation} (RFC 9745), {@code Sunset} (RFC 8594) and {@code Link}, and the upstream sees a JWT minted by
 * the gateway for its audience with only the scopes the route needs, never the key. Plus the admin endpoint's guard.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ApiKeyWarnEndToEndTests {

	static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

	static final String GUIDE = "https://docs.example.com/move-to-oauth";

	static final EchoUpstream upstream = EchoUpstream.start(0);

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.public-base-url", () -> "https://gw.test");
		registry.add("tollgate.minting.issuer", () -> "https://gw.test");
		registry.add("tollgate.admin.token", () -> ADMIN_TOKEN);
		registry.add("management.endpoints.web.exposure.include", () -> "health,apikeys");
		registry.add("tollgate.api-keys.migration-guide", () -> GUIDE);
		registry.add("tollgate.routes[0].id", () -> "orders");
		registry.add("tollgate.routes[0].path[0]", () -> "/orders/**");
		registry.add("tollgate.routes[0].upstream", upstream::uri);
		registry.add("tollgate.routes[0].audience", () -> "https://gw.test/orders");
		registry.add("tollgate.routes[0].scopes[0]", () -> "orders:read");
		registry.add("tollgate.routes[0].credentials[0]", () -> "api-key");
		registry.add("tollgate.routes[0].upstream-token.audience", () -> "orders-api");
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	@Test
	void requestWhenKeyInWarnThen200WithDeprecationSunsetLinkAndUpstreamGetsMintedJwt() throws Exception {
		Map<String, Object> issued = admin(this.client.post().uri("/actuator/apikeys"), Map.of("action", "issue",
				"clientId", "billing-bot", "scopes", "orders:read orders:write admin", "phase", "warn"))
			.expectStatus().isCreated()
			.expectBody(MAP).returnResult().getResponseBody();
		String key = (String) issued.get("key");
		String keyId = (String) issued.get("key_id");
		admin(this.client.post().uri("/actuator/apikeys/" + keyId + "/phase"),
				Map.of("phase", "warn", "sunset", "2027-03-31T00:00:00Z"))
			.expectStatus().isOk();

		Map<String, Object> echo = this.client.get().uri("/orders/42").header("X-API-Key", key).exchange()
			.expectStatus().isOk()
			.expectHeader().valueMatches("Deprecation", "@\\d+")
			.expectHeader().valueEquals("Sunset", "Wed, 31 Mar 2027 00:00:00 GMT")
			.expectHeader().valueEquals("Link", "<" + GUIDE + ">; rel=\"deprecation\"; type=\"text/html\"")
			.expectBody(MAP).returnResult().getResponseBody();

		Map<String, List<String>> upstreamHeaders = headers(echo);
		assertThat(upstreamHeaders.keySet()).noneMatch(h -> h.equalsIgnoreCase("X-API-Key"));
		assertThat(upstreamHeaders.toString()).doesNotContain(key);
		String authorization = upstreamHeaders.entrySet().stream()
			.filter(e -> e.getKey().equalsIgnoreCase("Authorization")).map(e -> e.getValue().get(0))
			.findFirst().orElseThrow();
		SignedJWT minted = SignedJWT.parse(authorization.substring("Bearer ".length()));
		JWTClaimsSet claims = minted.getJWTClaimsSet();
		assertThat(claims.getAudience()).containsExactly("orders-api");
		assertThat(claims.getStringClaim("client_id")).isEqualTo("billing-bot");
		assertThat(claims.getStringClaim("scope")).isEqualTo("orders:read");
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getClaims().toString()).contains("api-key");
		assertThat(verifiesWithGatewayJwks(minted)).isTrue();
	}

	@Test
	void requestWhenKeyRevokedThenSame401AsAnUnknownKey() {
		Map<String, Object> issued = admin(this.client.post().uri("/actuator/apikeys"),
				Map.of("action", "issue", "clientId", "crm-agent", "scopes", "orders:read"))
			.expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
		String key = (String) issued.get("key");
		this.client.get().uri("/orders/1").header("X-API-Key", key).exchange().expectStatus().isOk();
		admin(this.client.post().uri("/actuator/apikeys/" + issued.get("key_id") + "/revoke"), Map.of())
			.expectStatus().isOk();

		var revoked = this.client.get().uri("/orders/1").header("X-API-Key", key).exchange()
			.expectStatus().isUnauthorized().expectBody(MAP).returnResult();
		var unknown = this.client.get().uri("/orders/1").header("X-API-Key", "not-a-key-anybody-has").exchange()
			.expectStatus().isUnauthorized().expectBody(MAP).returnResult();
		Map<String, Object> a = withoutCorrelation(revoked.getResponseBody());
		assertThat(a).isEqualTo(withoutCorrelation(unknown.getResponseBody()));
		assertThat(revoked.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo(unknown.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE));
		assertThat(a.toString()).doesNotContain(key);
	}

	@Test
	void adminEndpointWhenNoOrWrongTokenThen401AndHealthStaysOpen() {
		this.client.get().uri("/actuator/apikeys").exchange().expectStatus().isUnauthorized()
			.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tollgate-admin\"");
		this.client.get().uri("/actuator/apikeys").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN + "x")
			.exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/actuator/apikeys/report/csv").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/apikeys").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.keys").isArray();
	}

	@Test
	void adminEndpointWhenUnknownKeyOrBadInputThen404Or400WithReason() {
		admin(this.client.post().uri("/actuator/apikeys/nope/revoke"), Map.of()).expectStatus().isNotFound()
			.expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
		admin(this.client.post().uri("/actuator/apikeys"), Map.of("action", "issue")).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.error").isEqualTo("clientId is required");
		admin(this.client.post().uri("/actuator/apikeys"), Map.of("action", "issue", "clientId", "x", "phase", "soon"))
			.expectStatus().isBadRequest();
		admin(this.client.post().uri("/actuator/apikeys"), Map.of("action", "import", "content",
				"client_id,key\nbot,super-secret-legacy-key,extra\nbot2"))
			.expectStatus().isBadRequest()
			.expectBody(String.class).value(body -> assertThat(body).doesNotContain("super-secret-legacy-key"));
		this.client.get().uri("/actuator/apikeys/report/pdf").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
			.exchange().expectStatus().isBadRequest();
	}

	@Test
	void adminEndpointWhenReportAsCsvThenCsvBody() {
		this.client.get().uri("/actuator/apikeys/report/csv").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
			.exchange().expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith("text/csv")
			.expectBody(String.class).value(body -> assertThat(body).startsWith("client_id,owner,active_keys"));
	}

	private WebTestClient.ResponseSpec admin(WebTestClient.RequestBodySpec request, Map<String, Object> body) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	private boolean verifiesWithGatewayJwks(SignedJWT jwt) throws Exception {
		String jwks = this.client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		ECKey key = (ECKey) JWKSet.parse(jwks).getKeyByKeyId(jwt.getHeader().getKeyID());
		return jwt.verify(new ECDSAVerifier(key));
	}

	private static Map<String, Object> withoutCorrelation(Map<String, Object> body) {
		Map<String, Object> copy = new java.util.HashMap<>(body);
		copy.remove("correlation_id");
		return copy;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, List<String>> headers(Map<String, Object> echo) {
		return (Map<String, List<String>>) echo.get("headers");
	}

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

}
