package dev.tollgate.app.edge;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * A route policy on the path, over a raw socket: {@code !request.path.startsWith('/orders/admin')} on a route whose
 * firewall lets {@code ;} parameters through. Every spelling that routing reads as {@code /orders/admin/...} is
 * refused, by the policy (403, it sees the path as routing does: decoded, without {@code ;} parameters) or by the
 * edge firewall (400); none reaches the upstream. Another case is another path, for routing and policy alike.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PolicyPathEdgeTests {

	static final String AUDIENCE = "https://gw.test/orders";

	static final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();

	static final EchoUpstream upstream = EchoUpstream.start(0);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.issuers[0].name", () -> "test");
		registry.add("tollgate.issuers[0].issuer-uri", authorizationServer::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", authorizationServer::jwksUri);
		registry.add("tollgate.minting.issuer", () -> "https://gw.test");
		registry.add("tollgate.gateway.public-base-url", () -> "https://gw.test");
		registry.add("tollgate.routes[0].id", () -> "orders");
		registry.add("tollgate.routes[0].path[0]", () -> "/orders/**");
		registry.add("tollgate.routes[0].upstream", upstream::uri);
		registry.add("tollgate.routes[0].audience", () -> AUDIENCE);
		registry.add("tollgate.routes[0].policy", () -> "!request.path.startsWith('/orders/admin')");
		registry.add("tollgate.routes[0].firewall.allow-semicolon", () -> "true");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		authorizationServer.close();
	}

	private RawHttp.Response get(String target) {
		String token = authorizationServer.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");
		return RawHttp.to(this.port).request("GET", target, "Authorization: Bearer " + token);
	}

	@Test
	void requestWhenPathOutsideThePolicysRuleThenForwarded() {
		assertThat(get("/orders/list").status()).isEqualTo(200);
	}

	/** Spellings the firewall lets through: the policy reads them as routing does and denies. */
	@ParameterizedTest
	@ValueSource(strings = { "/orders/admin/reset", "/orders/%61dmin/reset", "/orders/%61%64%6D%69%6E/reset",
			"/orders/admin;v=1/reset", "/orders;v=1/admin/reset", "/orders/admin%3bv=1/reset" })
	void requestWhenEncodedOrParameterizedSpellingOfTheRuledPathThenPolicyDenies403(String target) {
		int before = upstream.requests();

		assertThat(get(target).status()).as(target).isEqualTo(403);
		assertThat(upstream.requests()).as(target).isEqualTo(before);
	}

	/** Non-normalized spellings never reach the policy: the edge firewall refuses them first. */
	@ParameterizedTest
	@ValueSource(strings = { "/orders//admin/reset", "/orders/./admin/reset", "/orders/x/../admin/reset",
			"/orders/%2e/admin/reset" })
	void requestWhenNonNormalizedSpellingOfTheRuledPathThen400BeforeRouting(String target) {
		int before = upstream.requests();

		assertThat(get(target).status()).as(target).isEqualTo(400);
		assertThat(upstream.requests()).as(target).isEqualTo(before);
	}

	@Test
	void requestWhenPathDiffersInCaseThenItIsAnotherPathForRoutingAndPolicy() {
		int before = upstream.requests();

		assertThat(get("/orders/ADMIN/reset").status()).isEqualTo(200);
		assertThat(upstream.requests()).isEqualTo(before + 1);
	}

}
