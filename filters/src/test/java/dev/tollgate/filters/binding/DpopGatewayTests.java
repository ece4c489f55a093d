package dev.tollgate.filters.binding;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.RawHttp;
import dev.tollgate.testkit.TestAuthorizationServer;
import dev.tollgate.testkit.TestDpopProofs;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP (RFC 9449) end to end: a real Spring Authorization Server issues DPoP-bound tokens, agents send them with
 * proofs built by {@link TestDpopProofs}, through the {@code Tollgate} filter on hand-written routes. One test per
 * check of RFC 9449 §4.3, named with its section; raw HTTP so header spelling is exactly what the test says.
 */
@SpringBootTest(classes = DpopGatewayTests.GatewayApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DpopGatewayTests {

	static final String BASE = "https://gateway.test";

	static final String AUDIENCE = "https://gateway.test/orders";

	static final TestAuthorizationServer as = TestAuthorizationServer.shared();

	static final EchoUpstream upstream = EchoUpstream.start(0);

	/** The agent's DPoP key (P-256): the key its tokens are bound to. */
	static final JWK agentKey = TestKeys.ec1();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayApp {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.failed-auth.enabled", () -> "false");
		registry.add("tollgate.gateway.public-base-url", () -> BASE);
		registry.add("tollgate.issuers[0].name", () -> "sas");
		registry.add("tollgate.issuers[0].issuer-uri", as::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", as::jwksUri);
		registry.add("tollgate.issuers[0].introspection.uri", as::introspectionUri);
		registry.add("tollgate.issuers[0].introspection.client-id", () -> "gateway");
		registry.add("tollgate.issuers[0].introspection.client-secret", () -> TestAuthorizationServer.SECRET);
		route(registry, 0, "orders", "/orders/**", "DPOP");
		route(registry, 1, "plain", "/plain/**", null);
		String prefix = "spring.cloud.gateway.server.webflux.routes[2].";
		registry.add(prefix + "id", () -> "public");
		registry.add(prefix + "uri", upstream::uri);
		registry.add(prefix + "predicates[0]", () -> "Path=/public/**");
		registry.add(prefix + "filters[0].name", () -> "Tollgate");
		// A hand-written route combining the filters one by one.
		String handwritten = "spring.cloud.gateway.server.webflux.routes[3].";
		registry.add(handwritten + "id", () -> "handwritten");
		registry.add(handwritten + "uri", upstream::uri);
		registry.add(handwritten + "predicates[0]", () -> "Path=/handwritten/**");
		registry.add(handwritten + "filters[0].name", () -> "Authenticate");
		registry.add(handwritten + "filters[0].args.audience", () -> AUDIENCE);
		registry.add(handwritten + "filters[1]", () -> "Binding=DPOP");
	}

	private static void route(DynamicPropertyRegistry registry, int index, String id, String path, String binding) {
		String prefix = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
		registry.add(prefix + "id", () -> id);
		registry.add(prefix + "uri", upstream::uri);
		registry.add(prefix + "predicates[0]", () -> "Path=" + path);
		registry.add(prefix + "filters[0].name", () -> "Tollgate");
		registry.add(prefix + "filters[0].args.credentials[0]", () -> "BEARER");
		registry.add(prefix + "filters[0].args.audience", () -> AUDIENCE);
		if (binding != null) {
			registry.add(prefix + "filters[0].args.binding", () -> binding);
		}
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	private static JWK otherEcKey() {
		try {
			return new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String boundToken() {
		return as.dpopToken("agent-es", agentKey, AUDIENCE, "orders:read");
	}

	private static TestDpopProofs.Builder proof(String token, String path) {
		return TestDpopProofs.proof(agentKey).method("GET").uri(BASE + path).accessToken(token);
	}

	private RawHttp.Response get(String path, String... headerLines) {
		return RawHttp.to(this.port).request("GET", path, headerLines);
	}

	private RawHttp.Response dpop(String path, String token, String proof) {
		return get(path, "Authorization: DPoP " + token, "DPoP: " + proof);
	}

	private static void assertRefused(RawHttp.Response response, String dpopError) {
		assertThat(response.status()).isEqualTo(401);
		List<String> challenges = response.headers("WWW-Authenticate");
		assertThat(challenges).anySatisfy((c) -> assertThat(c).startsWith("Bearer "));
		assertThat(challenges).anySatisfy((c) -> assertThat(c).startsWith("DPoP algs=\"")
			.contains("error=\"" + dpopError + "\""));
	}

	/** The problem document's type names the reason (RFC 9457), e.g. {@code .../problems/jkt-mismatch}. */
	private static void assertReason(RawHttp.Response response, String reason) {
		assertThat(response.body()).contains("/problems/" + reason.replace('_', '-') + "\"");
	}

	private double decisions(String reason) {
		return this.registry.find("tollgate.decisions").tag("stage", "binding").tag("reason", reason).counters()
			.stream().mapToDouble((c) -> c.count()).sum();
	}

	@Test
	void requestWhenValidProofThenUpstreamSeesNeitherProofNorCallerToken_rfc9449_7_1() {
		String token = boundToken();
		int before = upstream.requests();

		RawHttp.Response response = dpop("/orders/1", token, proof(token, "/orders/1").build());

		assertThat(response.status()).isEqualTo(200);
		assertThat(upstream.requests()).isEqualTo(before + 1);
		assertThat(upstream.lastHeaders().keySet()).noneMatch((name) -> name.equalsIgnoreCase("DPoP"));
		assertThat(upstream.lastHeader("Authorization")).startsWith("Bearer ").doesNotContain(token);
		assertThat(decisions("dpop")).isPositive();
	}

	@Test
	void requestWhenSchemeSpelledInLowerCaseThenAccepted_rfc9110_11_1() {
		String token = boundToken();

		RawHttp.Response response = get("/orders/1", "authorization: dpop " + token,
				"dpop: " + proof(token, "/orders/1").build());

		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void requestWhenDpopBoundTokenSentAsBearerThenRefused_rfc9449_7_1() {
		String token = boundToken();

		RawHttp.Response response = get("/orders/1", "Authorization: Bearer " + token,
				"DPoP: " + proof(token, "/orders/1").build());

		assertRefused(response, "invalid_token");
		assertReason(response, "missing_proof");
	}

	@Test
	void requestWhenDpopBoundTokenSentAsBearerOnRouteWithoutBindingThenStillRefused_rfc9449_7_1() {
		String token = boundToken();
		int before = upstream.requests();

		RawHttp.Response response = get("/plain/1", "Authorization: Bearer " + token);

		assertThat(response.status()).isEqualTo(401);
		assertReason(response, "missing_proof");
		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void requestWhenDpopBoundOnRouteWithoutBindingAndValidProofThenAccepted_rfc9449_7_1() {
		String token = boundToken();

		RawHttp.Response response = dpop("/plain/1", token, proof(token, "/plain/1").build());

		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void requestWhenNoProofThenRefusedWithDpopChallenge_rfc9449_7_1() {
		RawHttp.Response response = get("/orders/1", "Authorization: DPoP " + boundToken());

		assertRefused(response, "invalid_token");
		assertReason(response, "missing_proof");
	}

	@Test
	void requestWhenNoCredentialThenChallengesOfferDpopAlgorithms_rfc9449_7_1() {
		RawHttp.Response response = get("/orders/1");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.headers("WWW-Authenticate")).anySatisfy((c) -> assertThat(c).startsWith("Bearer "))
			.contains("DPoP algs=\"ES256 EdDSA PS256 RS256\"");
	}

	@Test
	void requestWhenUnboundTokenOnDpopRouteThenRefused_rfc9449_7_1() {
		String bearer = as.clientCredentialsToken("agent-es", AUDIENCE, "orders:read");

		RawHttp.Response response = get("/orders/1", "Authorization: Bearer " + bearer);

		assertRefused(response, "invalid_token");
		assertReason(response, "unbound_token");
	}

	@Test
	void requestWhenUnboundTokenSentWithDpopSchemeThenRefused_rfc9449_7_1() {
		String bearer = as.clientCredentialsToken("agent-es", AUDIENCE, "orders:read");

		RawHttp.Response response = dpop("/plain/1", bearer, proof(bearer, "/plain/1").build());

		assertThat(response.status()).isEqualTo(401);
		assertReason(response, "not_dpop_bound");
	}

	@Test
	void requestWhenTwoProofHeadersThenRefused_rfc9449_4_3_check1() {
		String token = boundToken();

		RawHttp.Response response = get("/orders/1", "Authorization: DPoP " + token,
				"DPoP: " + proof(token, "/orders/1").build(), "DPoP: " + proof(token, "/orders/1").build());

		assertRefused(response, "invalid_dpop_proof");
		assertReason(response, "multiple_proofs");
	}

	@Test
	void requestWhenProofNotAJwtThenRefused_rfc9449_4_3_check2() {
		RawHttp.Response response = dpop("/orders/1", boundToken(), "not-a-jwt");

		assertRefused(response, "invalid_dpop_proof");
		assertReason(response, "invalid_proof");
	}

	@Test
	void requestWhenProofLacksJtiThenRefused_rfc9449_4_3_check3() {
		String token = boundToken();

		RawHttp.Response response = dpop("/orders/1", token, proof(token, "/orders/1").claim("jti", null).build());

		assertRefused(response, "invalid_dpop_proof");
		assertReason(response, "invalid_proof");
	}

	@Test
	void requestWhenProofTypIsJwtThenRefused_rfc9449_4_3_check4() {
		String token = boundToken();

		RawHttp.Response response = dpop("/orders/1", token,
				proof(token, "/orders/1").header("typ", "JWT").build());

		assertRefused(response, "invalid_dpop_proof");
		assertReason(response, "proof_type");
	}

	@Test
	void requestWhenProofAlgIsNoneThenRefused_rfc9449_4_3_check5() {
		String token = boundToken();

		RawHttp.Response response = dpop("/orders/1", token,
				proof(token, "/orders/1").header("alg", "none").build());

		assertRefused(response, "invalid_dpop_proof");
		assertReason(response, "proof_algorithm");
	}

	@Test
	void requestWhenProofSignedByAnotherKeyThenRefused_rfc9449_4_3_check6() {
		String token = boundToken();

		RawHttp.Response response = dpop("/orders/1", token,
				proof(token, "/orders/1").signWith(otherEcKey()).build());

		assertRefused(response, "invalid_dpop_proof");
		assertReason(response, "proof_signature");
	}

	@Test
	void requestWhenProofJwkCarriesPrivateKeyThenRefused_rfc9449_4_3_check7() {
		String token = boundToken();

		RawHttp.Response response = dpop("/orders/1", token,
				proof(token, "/orders/1").header("jwk", agentKey.toJSONObject()).build());

		assertRefused(response, "invalid_dpop_proof");
		assertReason(response, "proof_key");
	}

	@Test
	void requestWhenHtmIsAnotherMethodThenRefused_rfc9449_4_3_check8() {
		String token = boundToken();

		RawHttp.Response response = dpop("/orders/1", token, proof(token, "/orders/1").method("POST").build());

		assertRefused(response, "invalid_dpop_proof");
		assertReason(response, "htm_mismatch");
	}

	@Test
	void requestWhenHtuNamesTheHostHeaderNotThePublicUrlThenRefused_rfc9449_4_3_check9() {
		String token = boundToken();
		// The request's Host is localhost; a proof made for it is not a proof for the gateway's public URL.
		String proof = TestDpopProofs.proof(agentKey).uri("http://localhost/orders/1").accessToken(token).build();

		RawHttp.Response response = dpop("/orders/1", token, proof);

		assertRefused(response, "invalid_dpop_proof");
		assertReason(response, "htu_mismatch");
	}

	@Test
	void requestWhenHtuDiffersOnlyBySyntaxQueryAndFragmentThenAccepted_rfc9449_4_3_check9() {
		String token = boundToken();
		String proof = TestDpopProofs.proof(agentKey)
			.uri("HTTPS://Gateway.TEST:443/orders/%31?q=1#frag")
			.accessToken(token)
			.build();

		RawHttp.Response response = dpop("/orders/1?other=2", token, proof);

		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void requestWhenProofIssuedTenMinutesAgoThenRefused_rfc9449_4_3_check11() {
		String token = boundToken();

		RawHttp.Response response = dpop("/orders/1", token,
				proof(token, "/orders/1").issuedAt(Instant.now().minus(Duration.ofMinutes(10))).build());

		assertRefused(response, "invalid_dpop_proof");
		assertReason(response, "stale_proof");
	}

	@Test
	void requestWhenAthIsOfAnotherTokenThenRefused_rfc9449_4_3_check12() {
		String token = boundToken();

		RawHttp.Response response = dpop("/orders/1", token,
				proof(token, "/orders/1").accessToken(boundToken()).build());

		assertRefused(response, "invalid_dpop_proof");
		assertReason(response, "ath_mismatch");
	}

	@Test
	void requestWhenProofKeyIsNotTheBoundKeyThenRefused_rfc9449_4_3_check13() {
		String token = boundToken();
		JWK thief = TestKeys.rsa1();
		String proof = TestDpopProofs.proof(thief).uri(BASE + "/orders/1").accessToken(token).build();

		RawHttp.Response response = dpop("/orders/1", token, proof);

		assertRefused(response, "invalid_token");
		assertReason(response, "jkt_mismatch");
		assertThat(decisions("jkt_mismatch")).isPositive();
	}

	@Test
	void requestWhenProofReplayedThenRefused_rfc9449_11_1() {
		String token = boundToken();
		String proof = proof(token, "/orders/1").build();
		assertThat(dpop("/orders/1", token, proof).status()).isEqualTo(200);

		RawHttp.Response replay = dpop("/orders/1", token, proof);

		assertRefused(replay, "invalid_dpop_proof");
		assertReason(replay, "replayed_proof");
		assertThat(decisions("replayed_proof")).isPositive();
	}

	@Test
	void requestWhenIntrospectedDpopTokenWithProofThenAccepted_rfc9449_6_2() {
		String opaque = as.dpopToken("agent-opaque", agentKey, AUDIENCE, "orders:read");

		RawHttp.Response response = dpop("/orders/1", opaque, proof(opaque, "/orders/1").build());

		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void requestWhenIntrospectedDpopTokenSentAsBearerThenRefused_rfc9449_6_2() {
		String opaque = as.dpopToken("agent-opaque", agentKey, AUDIENCE, "orders:read");

		RawHttp.Response response = get("/plain/1", "Authorization: Bearer " + opaque);

		assertThat(response.status()).isEqualTo(401);
		assertReason(response, "missing_proof");
	}

	@Test
	void requestWhenPublicRouteCarriesDpopHeaderInAnyCaseThenUpstreamNeverSeesIt_rfc9449_4_1() {
		RawHttp.Response response = get("/public/1", "dpop: a.b.c", "DPOP: x");

		assertThat(response.status()).isEqualTo(200);
		assertThat(upstream.lastHeaders().keySet()).noneMatch((name) -> name.equalsIgnoreCase("DPoP"));
	}

	@Test
	void requestWhenUnboundBearerWithStrayDpopHeaderThenAcceptedAndHeaderNotForwarded_rfc9449_7_2() {
		String bearer = as.clientCredentialsToken("agent-es", AUDIENCE, "orders:read");

		RawHttp.Response response = get("/plain/1", "Authorization: Bearer " + bearer, "DPoP: a.b.c");

		assertThat(response.status()).isEqualTo(200);
		assertThat(upstream.lastHeaders().keySet()).noneMatch((name) -> name.equalsIgnoreCase("DPoP"));
	}

	@Test
	void requestWhenHandWrittenRouteUsesBindingFilterThenProofChecked_rfc9449_7_1() {
		String token = boundToken();

		RawHttp.Response bearer = get("/handwritten/1", "Authorization: Bearer " + token);
		RawHttp.Response proven = dpop("/handwritten/1", token, proof(token, "/handwritten/1").build());

		assertRefused(bearer, "invalid_token");
		assertReason(bearer, "missing_proof");
		assertThat(proven.status()).isEqualTo(200);
		assertThat(upstream.lastHeaders().keySet()).noneMatch((name) -> name.equalsIgnoreCase("DPoP"));
	}

}
