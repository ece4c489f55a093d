package dev.tollgate.app;

import java.util.Base64;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.RawHttp;
import dev.tollgate.testkit.TestAuthorizationServer;
import dev.tollgate.testkit.TestDpopProofs;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A declared route with {@code binding: dpop}, an exchange profile and {@code bound-tokens: mint}, with server
 * nonces required (RFC 9449 §8), end to end in the gateway application against the real authorization server.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeclaredDpopRouteTests {

	static final String BASE = "https://gw.test";

	static final String AUDIENCE = "https://gw.test/orders";

	static final TestAuthorizationServer as = TestAuthorizationServer.start();

	static final EchoUpstream upstream = EchoUpstream.start(0);

	static final JWK agentKey = TestKeys.ec1();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.public-base-url", () -> BASE);
		registry.add("tollgate.issuers[0].name", () -> "test");
		registry.add("tollgate.issuers[0].issuer-uri", as::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", as::jwksUri);
		registry.add("tollgate.minting.issuer", () -> BASE);
		registry.add("tollgate.sts.corp.token-uri", as::tokenUri);
		registry.add("tollgate.sts.corp.client-id", () -> "gateway");
		registry.add("tollgate.sts.corp.client-secret", () -> TestAuthorizationServer.SECRET);
		registry.add("tollgate.binding.dpop.nonce.required", () -> "true");
		registry.add("tollgate.binding.dpop.nonce.secret", () -> Base64.getEncoder().encodeToString(new byte[32]));
		registry.add("tollgate.routes[0].id", () -> "orders");
		registry.add("tollgate.routes[0].path[0]", () -> "/orders/**");
		registry.add("tollgate.routes[0].upstream", upstream::uri);
		registry.add("tollgate.routes[0].audience", () -> AUDIENCE);
		registry.add("tollgate.routes[0].scopes[0]", () -> "orders:read");
		registry.add("tollgate.routes[0].binding", () -> "dpop");
		registry.add("tollgate.routes[0].upstream-token.exchange", () -> "corp");
		registry.add("tollgate.routes[0].upstream-token.audience", () -> "orders-api");
		registry.add("tollgate.routes[0].upstream-token.bound-tokens", () -> "mint");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		as.close();
	}

	private RawHttp.Response call(String token, String nonce) {
		TestDpopProofs.Builder proof = TestDpopProofs.proof(agentKey).uri(BASE + "/orders/42").accessToken(token);
		if (nonce != null) {
			proof.nonce(nonce);
		}
		return RawHttp.to(this.port)
			.request("GET", "/orders/42", "Authorization: DPoP " + token, "DPoP: " + proof.build());
	}

	@Test
	void requestWhenProofWithoutNonceThenUseDpopNonceThenRetryWithItSucceeds_rfc9449_8() throws Exception {
		String token = as.dpopToken("agent-es", agentKey, AUDIENCE, "orders:read");

		RawHttp.Response first = call(token, null);
		assertThat(first.status()).isEqualTo(401);
		assertThat(first.headers("WWW-Authenticate")).anySatisfy((c) -> assertThat(c).contains("use_dpop_nonce"));
		String nonce = first.header("DPoP-Nonce");
		assertThat(nonce).isNotBlank();

		RawHttp.Response second = call(token, nonce);

		assertThat(second.status()).isEqualTo(200);
		assertThat(second.header("DPoP-Nonce")).isNotBlank();
		SignedJWT minted = SignedJWT.parse(upstream.lastHeader("Authorization").substring(7));
		assertThat(minted.getJWTClaimsSet().getIssuer()).isEqualTo(BASE);
		assertThat(minted.getJWTClaimsSet().getJSONObjectClaim("act")).containsEntry("sub", BASE);
	}

	@Test
	void requestWhenDpopBoundTokenAsBearerThenRefused_rfc9449_7_1() {
		String token = as.dpopToken("agent-es", agentKey, AUDIENCE, "orders:read");

		RawHttp.Response response = RawHttp.to(this.port).request("GET", "/orders/42", "Authorization: Bearer " + token);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).contains("/problems/missing-proof\"");
	}

	@Test
	void metadataWhenDpopRouteThenAdvertisesRequirementAndAlgorithms_rfc9728_2() {
		RawHttp.Response response = RawHttp.to(this.port)
			.request("GET", "/.well-known/oauth-protected-resource/orders");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"dpop_bound_access_tokens_required\":true")
			.contains("\"dpop_signing_alg_values_supported\":[\"ES256\",\"EdDSA\",\"PS256\",\"RS256\"]");
	}

}
