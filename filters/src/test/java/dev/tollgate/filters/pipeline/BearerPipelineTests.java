package dev.tollgate.filters.pipeline;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.TestAuthorizationServer;
import dev.tollgate.testkit.TestJwks;
import dev.tollgate.testkit.TestJwtBuilder;
import dev.tollgate.testkit.TestJwts;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every attack family of {@code security.md} that concerns token validation, end to end: a minimal reactive Spring
 * Boot application with one plain Spring Cloud Gateway route using the {@code Authenticate} filter, in front of an
 * upstream that counts requests. Each hostile token must get its status and {@code WWW-Authenticate} error code,
 * and the upstream must receive nothing.
 */
@SpringBootTest(classes = BearerPipelineTests.GatewayApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class BearerPipelineTests {

	static final String AUDIENCE = "https://gateway.test/orders";

	static final TestAuthorizationServer as = TestAuthorizationServer.shared();

	/** The "lab" issuer: a controlled JWKS whose checked-in keys let tests sign exactly the token they need. */
	static final TestJwks lab = TestJwks.start(TestKeys.rsa1(), TestKeys.ec1(), TestKeys.ed1());

	/** A key server only attackers name in token headers; nothing may ever be fetched from it. */
	static final TestJwks attacker = TestJwks.start(TestKeys.rsa2());

	static final EchoUpstream upstream = EchoUpstream.start(0);

	@Autowired
	WebTestClient client;

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayApp {

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		// This class floods the validation layers themselves from one address (random-kid floods and the like); the
		// failed-authentication limit per address would cut those floods short. It has tests of its own
		// (PreAuthenticationAbuseTests).
		registry.add("tollgate.gateway.failed-auth.enabled", () -> "false");
		registry.add("tollgate.gateway.public-base-url", () -> "https://gateway.test");
		registry.add("tollgate.issuers[0].name", () -> "sas");
		registry.add("tollgate.issuers[0].issuer-uri", as::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", as::jwksUri);
		registry.add("tollgate.issuers[0].introspection.uri", as::introspectionUri);
		registry.add("tollgate.issuers[0].introspection.client-id", () -> "gateway");
		registry.add("tollgate.issuers[0].introspection.client-secret", () -> TestAuthorizationServer.SECRET);
		registry.add("tollgate.issuers[1].name", () -> "lab");
		registry.add("tollgate.issuers[1].issuer-uri", lab::issuerUri);
		registry.add("tollgate.issuers[1].jwks-uri", lab::jwksUri);
		// An issuer whose introspection endpoint refuses connections, for the 503 case.
		registry.add("tollgate.issuers[2].name", () -> "down");
		registry.add("tollgate.issuers[2].issuer-uri", () -> "https://down.test");
		registry.add("tollgate.issuers[2].jwks-uri", () -> closedPortUri() + "/jwks");
		registry.add("tollgate.issuers[2].introspection.uri", () -> closedPortUri() + "/introspect");
		registry.add("tollgate.issuers[2].introspection.client-id", () -> "gateway");
		registry.add("tollgate.issuers[2].introspection.client-secret", () -> "secret");
		route(registry, 0, "orders", "/orders/**", null);
		route(registry, 1, "legacy", "/legacy/**", "down");
	}

	private static void route(DynamicPropertyRegistry registry, int index, String id, String path, String issuer) {
		String prefix = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
		registry.add(prefix + "id", () -> id);
		registry.add(prefix + "uri", upstream::uri);
		registry.add(prefix + "predicates[0]", () -> "Path=" + path);
		registry.add(prefix + "filters[0].name", () -> "Authenticate");
		registry.add(prefix + "filters[0].args.audience", () -> AUDIENCE);
		if (issuer != null) {
			registry.add(prefix + "filters[0].args.issuers[0]", () -> issuer);
		}
	}

	private static String closedPortUri() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void stop() {
		upstream.close();
		lab.close();
		attacker.close();
	}

	private static TestJwtBuilder labToken() {
		return TestJwts.jwt().issuer(lab.issuerUri()).audience(AUDIENCE);
	}

	/** One hostile request and the answer it must get. */
	record Attack(String family, String name, Supplier<String> token, int status, String error) {

		@Override
		public String toString() {
			return this.family + ": " + this.name;
		}

	}

	private static Attack invalid(String family, String name, Supplier<String> token) {
		return new Attack(family, name, token, 401, "invalid_token");
	}

	static Stream<Attack> attacks() {
		Instant now = Instant.now();
		return Stream.of(
				// RFC 8725 §2.1, §3.1; RFC 7515 §4.1.11; CVE-2022-21449
				invalid("signature and algorithm", "alg none", () -> labToken().unsigned()),
				invalid("signature and algorithm", "alg NoNe", () -> labToken().unsigned("NoNe")),
				invalid("signature and algorithm", "HS256 keyed with the issuer's public key",
						() -> labToken().hmacWithPublicKey(TestKeys.rsa1().toPublicJWK())),
				invalid("signature and algorithm", "stripped signature",
						() -> TestJwts.stripSignature(labToken().build())),
				invalid("signature and algorithm", "altered payload",
						() -> TestJwts.alterClaim(labToken().build(), "scope", "orders:admin")),
				invalid("signature and algorithm", "zero-valued ECDSA signature",
						() -> TestJwts.zeroEcdsaSignature(labToken().signWith(TestKeys.ec1()).build())),
				invalid("signature and algorithm", "unknown crit header",
						() -> labToken().header("crit", List.of("urn:x")).header("urn:x", true).build()),
				invalid("signature and algorithm", "signed by a key of no issuer",
						() -> labToken().signWith(TestKeys.rsa2()).keyId("rsa-1").build()),
				// RFC 8725 §3.10; CVE-2018-0114
				invalid("key retrieval", "jku names the attacker's JWKS",
						() -> labToken().signWith(TestKeys.rsa2()).header("jku", attacker.jwksUri()).build()),
				invalid("key retrieval", "x5u names the attacker's certificate",
						() -> labToken().signWith(TestKeys.rsa2()).header("x5u", attacker.issuerUri() + "/c.pem").build()),
				invalid("key retrieval", "embedded jwk",
						() -> labToken().signWith(TestKeys.rsa2())
							.header("jwk", TestKeys.rsa2().toPublicJWK().toJSONObject())
							.build()),
				invalid("key retrieval", "unknown kid", () -> labToken().keyId("kid-from-nowhere").build()),
				// RFC 9068 §4; RFC 7519 §4.1
				invalid("claims", "iss not exactly the issuer", () -> labToken().issuer(lab.issuerUri() + "/").build()),
				invalid("claims", "aud of another route", () -> labToken().audience("https://gateway.test/billing").build()),
				invalid("claims", "expired beyond skew", () -> labToken().expiresAt(now.minusSeconds(120)).build()),
				invalid("claims", "nbf beyond skew", () -> labToken().notBefore(now.plusSeconds(600)).build()),
				invalid("claims", "no exp", () -> labToken().withoutExpiry().build()),
				invalid("claims", "exp as a string", () -> labToken().claim("exp", "4102444800").build()),
				invalid("claims", "aud as a number", () -> labToken().claim("aud", 42).build()),
				invalid("claims", "scope as an object", () -> labToken().claim("scope", Map.of("a", "b")).build()),
				// RFC 8725 §2.8, §3.11; RFC 9068 §2.1
				invalid("token confusion", "ID token (typ JWT)", () -> labToken().type("JWT").claim("nonce", "n").build()),
				invalid("token confusion", "ID token (no typ)", () -> labToken().type(null).build()),
				invalid("token confusion", "logout token", () -> labToken().type("logout+jwt")
					.claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
					.build()),
				invalid("token confusion", "DPoP proof", () -> labToken().type("dpop+jwt").claim("htm", "GET").build()),
				invalid("token confusion", "client assertion",
						() -> labToken().type("client-authentication+jwt").build()),
				invalid("token confusion", "JWE compact", () -> b64("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"}")
						+ ".AAAA.AAAA.AAAA.AAAA"),
				invalid("token confusion", "JWS JSON serialisation",
						() -> "{\"payload\":\"e30\",\"signatures\":[{\"protected\":\"e30\",\"signature\":\"AA\"}]}"),
				// RFC 7662 §2.2
				invalid("introspection", "revoked opaque token", () -> {
					String opaque = as.opaqueTokenFor("agent-opaque", AUDIENCE, "orders:read");
					as.revoke("agent-opaque", opaque);
					return opaque;
				}),
				invalid("introspection", "opaque token of another audience",
						() -> as.opaqueTokenFor("agent-opaque", "https://gateway.test/billing", "orders:read")),
				// CVE-2025-53864, CVE-2023-52428
				invalid("denial of service", "deeply nested claims",
						() -> labToken().rawPayload("{\"iss\":\"x\",\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}")
							.build()),
				invalid("denial of service", "PBES2 header with huge p2c",
						() -> labToken().rawHeader("{\"alg\":\"PBES2-HS512+A256KW\",\"p2c\":2000000000,\"p2s\":\"AAAA\"}")
							.build()),
				new Attack("denial of service", "20 KiB token", () -> "ey" + "A".repeat(20 * 1024), 0, null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("attacks")
	void requestWhenHostileTokenThenRefusedAndUpstreamReceivesNothing(Attack attack) {
		String token = attack.token().get();
		int before = upstream.requests();
		WebTestClient.ResponseSpec response = this.client.get()
			.uri("/orders/1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange();
		if (attack.status() == 0) {
			response.expectStatus().is4xxClientError();
		}
		else {
			response.expectStatus()
				.isEqualTo(attack.status())
				.expectHeader()
				.value(HttpHeaders.WWW_AUTHENTICATE, (challenge) -> assertThat(challenge)
					.contains("error=\"" + attack.error() + "\"")
					.contains("resource_metadata=\"https://gateway.test/.well-known/oauth-protected-resource/")
					.doesNotContain(token.substring(0, Math.min(20, token.length()))));
		}
		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void requestWhenRs256AndEs256TokensFromAuthorizationServerThenUpstreamServedWithoutCallersToken() {
		int before = upstream.requests();
		for (String client : List.of("agent-rs", "agent-es")) {
			this.client.get()
				.uri("/orders/1")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + as.clientCredentialsToken(client, AUDIENCE, "orders:read"))
				.exchange()
				.expectStatus()
				.isOk();
		}
		this.client.get()
			.uri("/orders/1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + as.opaqueTokenFor("agent-opaque", AUDIENCE, "orders:read"))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(upstream.requests()).isEqualTo(before + 3);
		assertThat(upstream.requestsWithHeader(HttpHeaders.AUTHORIZATION)).isZero();
	}

	@Test
	void requestWhenHeaderKeysNamedThenAttackersServerNeverContacted() {
		for (String header : List.of("jku", "x5u")) {
			this.client.get()
				.uri("/orders/1")
				.header(HttpHeaders.AUTHORIZATION,
						"Bearer " + labToken().signWith(TestKeys.rsa2()).header(header, attacker.jwksUri()).build())
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}
		assertThat(attacker.requests()).isZero();
	}

	@Test
	void requestWhenRandomKidFloodThenFetchesBoundedAndLegitimateTokensServed() {
		String good = labToken().build();
		this.client.get().uri("/orders/1").header(HttpHeaders.AUTHORIZATION, "Bearer " + good).exchange()
			.expectStatus().isOk();
		int fetchesBefore = lab.requests();
		int upstreamBefore = upstream.requests();
		for (int i = 0; i < 200; i++) {
			// Unknown kids are refused before any signature check: one signed token with its kid swapped will do.
			String flood = b64("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"k" + i + "\"}")
					+ good.substring(good.indexOf('.'));
			this.client.get().uri("/orders/1").header(HttpHeaders.AUTHORIZATION, "Bearer " + flood).exchange()
				.expectStatus().isUnauthorized();
			if (i % 50 == 0) {
				this.client.get().uri("/orders/1").header(HttpHeaders.AUTHORIZATION, "Bearer " + labToken().build())
					.exchange().expectStatus().isOk();
			}
		}
		assertThat(lab.requests() - fetchesBefore).isLessThanOrEqualTo(1);
		assertThat(upstream.requests() - upstreamBefore).isEqualTo(4);
	}

	@Test
	void requestWhenIntrospectionEndpointDownAndNothingCachedThen503WithRetryAfter() {
		int before = upstream.requests();
		this.client.get()
			.uri("/legacy/1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer 2YotnFZFEjr1zCsicMWpAA")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER);
		assertThat(upstream.requests()).isEqualTo(before);
	}

	@Test
	void requestWhenNoIssuerReachableForJwksThen503NotAllow() {
		// The "down" issuer's JWKS endpoint refuses connections and no key set was ever fetched.
		String token = TestJwts.jwt().issuer("https://down.test").audience(AUDIENCE).build();
		int before = upstream.requests();
		this.client.get()
			.uri("/legacy/1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isEqualTo(503);
		assertThat(upstream.requests()).isEqualTo(before);
	}

	private static String b64(String json) {
		return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
	}

}
