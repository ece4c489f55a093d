package dev.tollgate.filters.binding;

import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
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
 * What the upstream of a DPoP route with an STS profile receives for a DPoP-bound caller: a token exchanged at the
 * real authorization server ({@code EXCHANGE}; Spring Authorization Server exchanges DPoP-bound subject tokens), or
 * a gateway-minted one with an RFC 8693 {@code act} claim ({@code MINT}). Never the caller's token or proof.
 */
@SpringBootTest(classes = BoundUpstreamTokenTests.GatewayApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BoundUpstreamTokenTests {

	static final String BASE = "https://gateway.test";

	static final String AUDIENCE = "https://gateway.test/orders";

	static final TestAuthorizationServer as = TestAuthorizationServer.shared();

	static final EchoUpstream upstream = EchoUpstream.start(0);

	static final JWK agentKey = TestKeys.rsa1();

	@LocalServerPort
	int port;

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayApp {

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.failed-auth.enabled", () -> "false");
		registry.add("tollgate.gateway.public-base-url", () -> BASE);
		registry.add("tollgate.minting.issuer", () -> "https://gateway.test");
		registry.add("tollgate.issuers[0].name", () -> "sas");
		registry.add("tollgate.issuers[0].issuer-uri", as::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", as::jwksUri);
		registry.add("tollgate.sts.sas.token-uri", as::tokenUri);
		registry.add("tollgate.sts.sas.client-id", () -> "gateway");
		registry.add("tollgate.sts.sas.client-secret", () -> TestAuthorizationServer.SECRET);
		registry.add("tollgate.sts.sas.timeout", () -> "20s");
		route(registry, 0, "exchanged", "/exchanged/**", "EXCHANGE");
		route(registry, 1, "minted", "/minted/**", "MINT");
	}

	private static void route(DynamicPropertyRegistry registry, int index, String id, String path, String bound) {
		String prefix = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
		registry.add(prefix + "id", () -> id);
		registry.add(prefix + "uri", upstream::uri);
		registry.add(prefix + "predicates[0]", () -> "Path=" + path);
		registry.add(prefix + "filters[0].name", () -> "Tollgate");
		registry.add(prefix + "filters[0].args.credentials[0]", () -> "BEARER");
		registry.add(prefix + "filters[0].args.audience", () -> AUDIENCE);
		registry.add(prefix + "filters[0].args.binding", () -> "DPOP");
		registry.add(prefix + "filters[0].args.exchange", () -> "sas");
		registry.add(prefix + "filters[0].args.upstreamAudience", () -> "orders-api");
		registry.add(prefix + "filters[0].args.upstreamForBoundTokens", () -> bound);
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	private SignedJWT call(String path) throws Exception {
		String token = as.dpopToken("agent-rs", agentKey, AUDIENCE, "orders:read");
		String proof = TestDpopProofs.proof(agentKey).uri(BASE + path).accessToken(token).build();
		RawHttp.Response response = RawHttp.to(this.port)
			.request("GET", path, "Authorization: DPoP " + token, "DPoP: " + proof);
		assertThat(response.status()).isEqualTo(200);
		String authorization = upstream.lastHeader("Authorization");
		assertThat(authorization).startsWith("Bearer ").doesNotContain(token);
		assertThat(upstream.lastHeaders().keySet()).noneMatch((name) -> name.equalsIgnoreCase("DPoP"));
		return SignedJWT.parse(authorization.substring(7));
	}

	@Test
	void requestWhenBoundCallerOnExchangeRouteThenUpstreamGetsExchangedToken_rfc8693_2() throws Exception {
		SignedJWT upstreamToken = call("/exchanged/1");

		assertThat(upstreamToken.getJWTClaimsSet().getIssuer()).isEqualTo(as.issuerUri());
		assertThat(upstreamToken.getJWTClaimsSet().getAudience()).containsExactly("orders-api");
	}

	@Test
	void requestWhenBoundCallerOnMintRouteThenUpstreamGetsMintedTokenWithAct_rfc8693_4_1() throws Exception {
		SignedJWT upstreamToken = call("/minted/1");

		assertThat(upstreamToken.getJWTClaimsSet().getIssuer()).isEqualTo("https://gateway.test");
		assertThat(upstreamToken.getJWTClaimsSet().getSubject()).isEqualTo("agent-rs");
		assertThat(upstreamToken.getJWTClaimsSet().getClaim("act")).isEqualTo(Map.of("sub", "https://gateway.test"));
		assertThat(upstreamToken.getJWTClaimsSet().getAudience()).containsExactly("orders-api");
	}

}
