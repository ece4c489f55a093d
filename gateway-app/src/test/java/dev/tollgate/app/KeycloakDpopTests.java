package dev.tollgate.app;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.KeycloakClients;
import dev.tollgate.testkit.KeycloakServer;
import dev.tollgate.testkit.RawHttp;
import dev.tollgate.testkit.TestDpopProofs;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sender-constrained tokens against a real Keycloak ({@code keycloak-quarkus-dist}, version in gateway-app's pom,
 * started once for this class by {@link KeycloakServer}; no container, no mock): an agent gets a DPoP-bound token
 * from Keycloak (RFC 9449 §5), the gateway's {@code binding: dpop} route takes it only with a proof (§7.1), Keycloak
 * refuses to exchange it for the gateway's client (RFC 8693, Keycloak's standard token exchange V2), and a route
 * with {@code bound-tokens: exchange} then answers with an error instead of forwarding the caller's token.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeycloakDpopTests {

	/** What Keycloak answered, kept in the test output as the record of what was observed. */
	private static final Logger log = LoggerFactory.getLogger(KeycloakDpopTests.class);

	static final String BASE = "https://gw.test";

	static final String AUDIENCE = "https://gw.test/orders";

	static final String REALM = "tollgate";

	static final String GATEWAY = "tollgate-gateway";

	static final String GATEWAY_SECRET = "gateway-secret";

	static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

	static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final KeycloakServer keycloak = startKeycloak();

	static final EchoUpstream upstream = EchoUpstream.start(0);

	static final JWK agentKey = TestKeys.ec1();

	@LocalServerPort
	int port;

	/**
	 * One Keycloak for the class, set up as docs/sender-constrained-tokens.md shows: {@code agent} (DPoP-bound
	 * tokens required), {@code agent-bearer} (the same without DPoP, the control), {@code tollgate-gateway} (standard
	 * token exchange) and {@code orders-api} (the exchange's target audience).
	 */
	private static KeycloakServer startKeycloak() {
		KeycloakServer server = KeycloakServer.start();
		log.info("Keycloak " + server.version() + " answered after " + server.startupTime().toMillis()
				+ " ms (log " + server.logFile() + ")");
		server.createRealm(REALM);
		// Audience mappers name clients: create them first.
		server.createClient(REALM, KeycloakClients.confidentialClient("orders-api", "orders-secret"));
		Map<String, Object> gateway = KeycloakClients.confidentialClient(GATEWAY, GATEWAY_SECRET);
		attributes(gateway).put("standard.token.exchange.enabled", "true");
		mappers(gateway).add(KeycloakClients.audienceMapper("orders-api audience", "orders-api", true));
		server.createClient(REALM, gateway);
		server.createClient(REALM, agent("agent", true));
		server.createClient(REALM, agent("agent-bearer", false));
		return server;
	}

	private static Map<String, Object> agent(String clientId, boolean dpop) {
		Map<String, Object> agent = KeycloakClients.confidentialClient(clientId, clientId + "-secret");
		agent.put("serviceAccountsEnabled", true);
		if (dpop) {
			attributes(agent).put("dpop.bound.access.tokens", "true");
		}
		// The route's audience, and the gateway's client id: standard token exchange requires the exchanging client
		// to be in the subject token's audience, so without it the exchange would fail for that reason instead.
		mappers(agent).add(KeycloakClients.audienceMapper("route audience", AUDIENCE, false));
		mappers(agent).add(KeycloakClients.audienceMapper("gateway audience", GATEWAY, true));
		return agent;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> attributes(Map<String, Object> client) {
		return (Map<String, String>) client.get("attributes");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> mappers(Map<String, Object> client) {
		return (List<Map<String, Object>>) client.get("protocolMappers");
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.public-base-url", () -> BASE);
		registry.add("tollgate.issuers[0].name", () -> "keycloak");
		registry.add("tollgate.issuers[0].issuer-uri", () -> keycloak.issuerUri(REALM));
		registry.add("tollgate.issuers[0].jwks-uri", () -> keycloak.jwksUri(REALM));
		registry.add("tollgate.issuers[0].token-types[0]", () -> "at+jwt");
		registry.add("tollgate.issuers[0].token-types[1]", () -> "jwt");
		registry.add("tollgate.issuers[0].client-id-claim", () -> "azp");
		registry.add("tollgate.minting.issuer", () -> BASE);
		registry.add("tollgate.sts.keycloak.token-uri", () -> keycloak.tokenUri(REALM));
		registry.add("tollgate.sts.keycloak.client-id", () -> GATEWAY);
		registry.add("tollgate.sts.keycloak.client-secret", () -> GATEWAY_SECRET);
		registry.add("tollgate.sts.keycloak.timeout", () -> "20s");
		route(registry, 0, "orders", "/orders/**");
		route(registry, 1, "exchanged", "/exchanged/**");
		registry.add("tollgate.routes[1].upstream-token.exchange", () -> "keycloak");
		registry.add("tollgate.routes[1].upstream-token.audience", () -> "orders-api");
		registry.add("tollgate.routes[1].upstream-token.bound-tokens", () -> "exchange");
	}

	private static void route(DynamicPropertyRegistry registry, int index, String id, String path) {
		String prefix = "tollgate.routes[" + index + "].";
		registry.add(prefix + "id", () -> id);
		registry.add(prefix + "path[0]", () -> path);
		registry.add(prefix + "upstream", upstream::uri);
		registry.add(prefix + "audience", () -> AUDIENCE);
		registry.add(prefix + "binding", () -> "dpop");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		keycloak.close();
	}

	/** A client-credentials token request by {@code agent}, with a DPoP proof for the token endpoint (§4.2). */
	private static HttpResponse<String> agentTokenRequest(String clientId, String proof) {
		Map<String, String> form = Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret",
				clientId + "-secret");
		return keycloak.tokenRequest(REALM, form, (proof != null) ? Map.of("DPoP", proof) : Map.of());
	}

	private static String dpopBoundToken() {
		String proof = TestDpopProofs.proof(agentKey).method("POST").uri(keycloak.tokenUri(REALM)).build();
		HttpResponse<String> response = agentTokenRequest("agent", proof);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).path("access_token").asString();
	}

	private RawHttp.Response callWithProof(String path, String token) {
		String proof = TestDpopProofs.proof(agentKey).uri(BASE + path).accessToken(token).build();
		return RawHttp.to(this.port).request("GET", path, "Authorization: DPoP " + token, "DPoP: " + proof);
	}

	private static HttpResponse<String> gatewayExchange(String subjectToken) {
		return keycloak.tokenRequest(REALM,
				Map.of("grant_type", TOKEN_EXCHANGE, "client_id", GATEWAY, "client_secret", GATEWAY_SECRET,
						"subject_token", subjectToken, "subject_token_type", ACCESS_TOKEN_TYPE, "audience",
						"orders-api"),
				Map.of());
	}

	@Test
	void serverWhenStartedWithoutFeatureFlagsThenDpopAndStandardTokenExchangeEnabled_keycloak26() {
		// Keycloak 26: DPoP is a default feature (supported since 26.4), standard token exchange V2 since 26.2.
		Map<String, Boolean> features = keycloak.features();

		assertThat(keycloak.version()).isEqualTo("26.7.3");
		assertThat(features).containsEntry("DPOP", true).containsEntry("TOKEN_EXCHANGE_STANDARD_V2", true);
	}

	@Test
	void tokenRequestWhenDpopProofThenDpopBoundTokenWithJkt_rfc9449_5() throws Exception {
		String proof = TestDpopProofs.proof(agentKey).method("POST").uri(keycloak.tokenUri(REALM)).build();

		HttpResponse<String> response = agentTokenRequest("agent", proof);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.path("token_type").asString()).isEqualTo("DPoP");
		SignedJWT token = SignedJWT.parse(body.path("access_token").asString());
		assertThat(token.getJWTClaimsSet().getJSONObjectClaim("cnf"))
			.containsEntry("jkt", TestDpopProofs.thumbprint(agentKey));
		assertThat(token.getJWTClaimsSet().getAudience()).contains(AUDIENCE, GATEWAY);
		assertThat(token.getJWTClaimsSet().getStringClaim("azp")).isEqualTo("agent");
	}

	@Test
	void tokenRequestWhenDpopRequiredAndNoProofThenRefused_rfc9449_5() {
		// dpop.bound.access.tokens makes the proof mandatory for this client, not just honoured.
		HttpResponse<String> response = agentTokenRequest("agent", null);

		log.info("Keycloak's answer without a proof: " + response.statusCode() + " " + response.body());
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = JSON.readTree(response.body());
		assertThat(error.path("error").asString()).isEqualTo("invalid_request");
		assertThat(error.path("error_description").asString()).isEqualTo("DPoP proof is missing");
	}

	@Test
	void requestWhenKeycloakDpopTokenWithFreshProofThenForwardedWithGatewayToken_rfc9449_7() throws Exception {
		String token = dpopBoundToken();

		RawHttp.Response response = callWithProof("/orders/42", token);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		String authorization = upstream.lastHeader("Authorization");
		assertThat(authorization).startsWith("Bearer ").doesNotContain(token);
		assertThat(upstream.lastHeaders().keySet()).noneMatch((name) -> name.equalsIgnoreCase("DPoP"));
		SignedJWT minted = SignedJWT.parse(authorization.substring(7));
		assertThat(minted.getJWTClaimsSet().getIssuer()).isEqualTo(BASE);
		assertThat(minted.getJWTClaimsSet().getClaim("client_id")).isEqualTo("agent");
	}

	@Test
	void requestWhenKeycloakDpopTokenSentAsBearerThenRefused_rfc9449_7_1() {
		String token = dpopBoundToken();
		int before = upstream.requests();

		RawHttp.Response response = RawHttp.to(this.port)
			.request("GET", "/orders/42", "Authorization: Bearer " + token);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).contains("/problems/missing-proof\"");
		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void exchangeWhenGatewayClientExchangesDpopBoundTokenThenKeycloakRefuses400_keycloakStandardTokenExchange() {
		// Keycloak's standard token exchange refuses a sender-constrained subject_token whose azp is not the
		// requesting client (an RFC 8693 §2.2.2 error response), although the gateway client is in its audience.
		HttpResponse<String> response = gatewayExchange(dpopBoundToken());

		log.info("Keycloak's answer to the gateway's exchange: " + response.statusCode() + " " + response.body());
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = JSON.readTree(response.body());
		assertThat(error.path("error").asString()).isEqualTo("invalid_request");
		assertThat(error.path("error_description").asString())
			.isEqualTo("Sender-constrained token exchange rejected as the token was not issued for the requesting client");
	}

	@Test
	void exchangeWhenSubjectTokenUnboundThenKeycloakExchanges_rfc8693_2_2() throws Exception {
		// The control: the same clients, mappers and request succeed with a bearer token, so the refusal above is
		// about the binding alone.
		HttpResponse<String> issued = agentTokenRequest("agent-bearer", null);
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		assertThat(JSON.readTree(issued.body()).path("token_type").asString()).isEqualTo("Bearer");

		HttpResponse<String> response = gatewayExchange(JSON.readTree(issued.body()).path("access_token").asString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		SignedJWT exchanged = SignedJWT.parse(JSON.readTree(response.body()).path("access_token").asString());
		assertThat(exchanged.getJWTClaimsSet().getAudience()).containsExactly("orders-api");
		assertThat(exchanged.getJWTClaimsSet().getStringClaim("azp")).isEqualTo(GATEWAY);
	}

	@Test
	void requestWhenExchangeRouteAndKeycloakRefusesBoundTokenThenErrorAndCallerTokenNeverForwarded_rfc8693_2()
			throws Exception {
		String token = dpopBoundToken();
		int before = upstream.requests();

		RawHttp.Response response = callWithProof("/exchanged/1", token);

		// Keycloak answers 400 invalid_request, which the gateway counts as an error of its own STS setup (the
		// caller cannot fix it): 503, reason sts_invalid_request, with Retry-After. Never the caller's token.
		log.info("Gateway's answer on the exchange route: " + response.status() + " " + response.body());
		assertThat(response.status()).as(response.body()).isEqualTo(503);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.header("Retry-After")).isNotBlank();
		assertThat(response.body()).contains("\"type\":\"https://tollgate.dev/problems/sts-invalid-request\"")
			.contains("\"route\":\"exchanged\"")
			.doesNotContain(token);
		assertThat(upstream.requests()).isEqualTo(before);
	}

}
