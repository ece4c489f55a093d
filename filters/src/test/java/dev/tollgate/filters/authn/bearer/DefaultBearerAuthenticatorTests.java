package dev.tollgate.filters.authn.bearer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.filters.authn.introspection.IntrospectionClient;
import dev.tollgate.filters.authn.introspection.OpaqueTokenIntrospector;
import dev.tollgate.filters.authn.jwks.JwksCache;
import dev.tollgate.filters.authn.jwks.JwksMetrics;
import dev.tollgate.filters.authn.support.FakeJwksFetcher;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.TestJwtBuilder;
import dev.tollgate.testkit.TestJwts;
import dev.tollgate.testkit.TestKeys;
import dev.tollgate.testkit.TestSettings;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultBearerAuthenticatorTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	/** corp's published keys; the Ed25519 one without alg, so its curve alone binds it to EdDSA. */
	private static final String CORP_JWKS = TestKeys.publicJwkSet(TestKeys.rsa1(), TestKeys.rsaPs1(), TestKeys.ec1(),
			TestKeys.withoutAlgorithm(TestKeys.ed1())).toString();

	private static final RouteSecurity ORDERS = new RouteSecurity("orders", TestJwts.DEFAULT_AUDIENCE,
			List.of("orders:read"), Set.of(RouteSecurity.Credential.BEARER), Set.of(), "/orders");

	private final MutableClock clock = new MutableClock(NOW);

	private final FakeJwksFetcher fetcher = new FakeJwksFetcher(CORP_JWKS);

	private final VerifiedTokenCache verified = new VerifiedTokenCache(100, this.clock, new SimpleMeterRegistry());

	private final DefaultBearerAuthenticator authenticator = authenticator();

	private DefaultBearerAuthenticator authenticator() {
		IssuersProperties properties = TestSettings.under("tollgate")
			.set("issuers[0].name", "corp")
			.set("issuers[0].issuer-uri", TestJwts.DEFAULT_ISSUER)
			.set("issuers[0].jwks-uri", TestJwts.DEFAULT_ISSUER + "/jwks")
			.set("issuers[1].name", "other")
			.set("issuers[1].issuer-uri", "https://other.test")
			.bind(IssuersProperties.class);
		TrustedIssuers issuers = TrustedIssuers.from(properties, this.clock);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		JwksCache keys = new JwksCache(issuers.jwksEndpoints(), this.fetcher, this.clock,
				new JwksMetrics(registry, this.clock));
		OpaqueTokenIntrospector introspector = new OpaqueTokenIntrospector(new IntrospectionClient(WebClient.builder()),
				this.clock, registry, 10);
		return new DefaultBearerAuthenticator(issuers, new JwtAccessTokenVerifier(issuers, keys), introspector,
				this.verified, this.clock, 8192, 16);
	}

	private static TestJwtBuilder token() {
		return TestJwts.jwt().clock(Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private Mono<CallerIdentity> authenticate(String token) {
		return this.authenticator.authenticate(token, ORDERS);
	}

	private void expectInvalid(String token, String reason) {
		StepVerifier.create(authenticate(token)).expectErrorSatisfies((ex) -> {
			CallerFault fault = (CallerFault) ex;
			assertThat(fault.status().value()).isEqualTo(401);
			assertThat(fault.error()).isEqualTo(CallerFault.BearerError.INVALID_TOKEN);
			assertThat(fault.reason()).isEqualTo(reason);
			// The caller learns nothing about which check failed, and nothing of the token.
			assertThat(fault.description()).isEqualTo("The access token is not valid for this resource.");
		}).verify();
	}

	static List<JWK> signingKeys() {
		return List.of(TestKeys.rsa1(), TestKeys.rsaPs1(), TestKeys.ec1(), TestKeys.ed1());
	}

	@ParameterizedTest
	@MethodSource("signingKeys")
	void authenticateWhenSignedWithEachAllowedAlgorithmThenCallerIdentity(JWK key) {
		String token = token().signWith(key).scope("orders:read orders:write").build();
		StepVerifier.create(authenticate(token)).assertNext((caller) -> {
			assertThat(caller.clientId()).isEqualTo(TestJwts.DEFAULT_CLIENT_ID);
			assertThat(caller.subject()).isEqualTo(TestJwts.DEFAULT_CLIENT_ID);
			assertThat(caller.kind()).isEqualTo(CredentialKind.JWT);
			assertThat(caller.issuer()).isEqualTo("corp");
			assertThat(caller.scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
			assertThat(caller.expiresAt()).isEqualTo(NOW.plusSeconds(300));
		}).verifyComplete();
	}

	@Test
	void authenticateWhenSameTokenTwiceThenSecondServedFromVerifiedCache() {
		String token = token().build();
		StepVerifier.create(authenticate(token)).expectNextCount(1).verifyComplete();
		assertThat(this.verified.size()).isEqualTo(1);
		this.fetcher.failing(true);
		StepVerifier.create(authenticate(token)).expectNextCount(1).verifyComplete();
	}

	// The cache skips the signature, never the route: audience and lifetime are checked on every request.
	@Test
	void authenticateWhenCachedTokenUsedOnAnotherRouteThenWrongAudience() {
		String token = token().build();
		StepVerifier.create(authenticate(token)).expectNextCount(1).verifyComplete();
		RouteSecurity billing = new RouteSecurity("billing", "https://gateway.test/billing", List.of(),
				Set.of(RouteSecurity.Credential.BEARER), Set.of(), "/billing");
		StepVerifier.create(this.authenticator.authenticate(token, billing))
			.expectErrorSatisfies((ex) -> assertThat(((CallerFault) ex).reason()).isEqualTo("wrong_audience"))
			.verify();
	}

	@Test
	void authenticateWhenCachedTokenExpiresThenExpired() {
		String token = token().build();
		StepVerifier.create(authenticate(token)).expectNextCount(1).verifyComplete();
		this.clock.advance(Duration.ofSeconds(300 + 60));
		expectInvalid(token, "expired");
		assertThat(this.verified.size()).isZero();
	}

	@Test
	void authenticateWhenAudArrayContainsRouteAudienceThenAccepted() {
		String token = token().audience("https://else.test", TestJwts.DEFAULT_AUDIENCE).build();
		StepVerifier.create(authenticate(token)).expectNextCount(1).verifyComplete();
	}

	// RFC 9068 §4: the resource server MUST validate that aud contains its own identifier.
	@Test
	void authenticateWhenTokenForAnotherAudienceThenWrongAudience() {
		expectInvalid(token().audience("https://gateway.test/billing").build(), "wrong_audience");
	}

	@Test
	void authenticateWhenRouteAcceptsOnlyAnotherIssuerThenIssuerNotAllowed() {
		RouteSecurity onlyOther = new RouteSecurity("o", TestJwts.DEFAULT_AUDIENCE, List.of(),
				Set.of(RouteSecurity.Credential.BEARER), Set.of("other"), "/o");
		StepVerifier.create(this.authenticator.authenticate(token().build(), onlyOther))
			.expectErrorSatisfies((ex) -> assertThat(((CallerFault) ex).reason()).isEqualTo("issuer_not_allowed"))
			.verify();
		// Refused before any key lookup: the route cannot make the gateway fetch keys of an issuer it does not accept.
		assertThat(this.fetcher.fetches()).isZero();
	}

	// RFC 9068 §4: iss MUST exactly match; a trailing slash is another issuer.
	@ParameterizedTest
	@ValueSource(strings = { TestJwts.DEFAULT_ISSUER + "/", "https://ISSUER.test", "https://issuer.tes",
			"https://attacker.test" })
	void authenticateWhenIssuerNotExactlyConfiguredThenUnknownIssuer(String iss) {
		expectInvalid(token().issuer(iss).build(), "unknown_issuer");
	}

	// Keys are bound to their issuer: a token claiming "other" but signed with corp's key fails at other's keys.
	@Test
	void authenticateWhenSignedByAnotherIssuersKeyThenRefused() {
		this.fetcher.serve(TestKeys.publicJwkSet(TestKeys.rsaPs1()).toString(), null);
		StepVerifier.create(authenticate(token().issuer("https://other.test").build()))
			.expectError(CallerFault.class)
			.verify();
	}

	@Test
	void authenticateWhenIssMissingOrNotStringThenRefused() {
		expectInvalid(token().issuer(null).build(), "missing_claim");
		expectInvalid(token().claim("iss", List.of(TestJwts.DEFAULT_ISSUER)).build(), "bad_claim_type");
	}

	@Test
	void authenticateWhenSignatureAlteredThenBadSignature() {
		String token = token().build();
		char last = token.charAt(token.length() - 5);
		String altered = token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4);
		expectInvalid(altered, "bad_signature");
	}

	@Test
	void authenticateWhenPayloadAlteredAfterSigningThenBadSignature() {
		String token = token().build();
		String[] parts = token.split("\\.");
		String forged = parts[0] + "." + Base64URL.encode("{\"iss\":\"" + TestJwts.DEFAULT_ISSUER + "\",\"aud\":\""
				+ TestJwts.DEFAULT_AUDIENCE + "\",\"sub\":\"admin\",\"exp\":" + NOW.plusSeconds(300).getEpochSecond()
				+ ",\"scope\":\"orders:admin\"}") + "." + parts[2];
		expectInvalid(forged, "bad_signature");
	}

	@Test
	void authenticateWhenSignatureStrippedThenBadSignatureWithoutFetchingKeys() {
		expectInvalid(token().signature("").build(), "bad_signature");
		assertThat(this.fetcher.fetches()).isZero();
	}

	@Test
	void authenticateWhenSignedWithAttackerKeyUnderIssuersKidThenBadSignature() {
		// rsa-2 is never published: an attacker's key, named by the issuer's kid.
		expectInvalid(token().signWith(TestKeys.rsa2()).keyId(TestKeys.rsa1().getKeyID()).build(), "bad_signature");
	}

	// CVE-2022-21449 ("psychic signatures"): r = s = 0 must never verify.
	@Test
	void authenticateWhenEcdsaSignatureIsAllZeroThenBadSignature() {
		expectInvalid(TestJwts.zeroEcdsaSignature(token().signWith(TestKeys.ec1()).build()), "bad_signature");
	}

	@Test
	void authenticateWhenAlgNotOnIssuersAllowListThenBadAlgorithm() {
		// corp allows RS256, PS256, ES256 and EdDSA; RS384 is supported but not allowed here.
		expectInvalid(token().algorithm(JWSAlgorithm.RS384).build(), "bad_algorithm");
	}

	// RFC 8725 §3.10: keys embedded in or referenced from the header are never used.
	@Test
	void authenticateWhenHeaderEmbedsAttackersJwkThenIgnoredAndRefused() {
		// ec-2 is never published.
		ECKey attacker = new ECKey.Builder(TestKeys.ec2()).keyID("attacker").build();
		String token = token().signWith(attacker).header("jwk", attacker.toPublicJWK().toJSONObject()).build();
		expectInvalid(token, "unknown_key");
	}

	@Test
	void authenticateWhenTokenTooLargeThenRefusedBeforeParsing() {
		expectInvalid("ey" + "A".repeat(9000), "too_large");
		assertThat(this.fetcher.fetches()).isZero();
	}

	@Test
	void authenticateWhenJweOrJsonSerialisationThenUnsupportedFormat() {
		expectInvalid("eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.a.b.c.d", "unsupported_format");
		expectInvalid("{\"payload\":\"e30\",\"signatures\":[{\"signature\":\"x\"}]}", "unsupported_format");
	}

	@Test
	void authenticateWhenOpaqueTokenAndNoIssuerIntrospectsThenMalformed() {
		expectInvalid("2YotnFZFEjr1zCsicMWpAA", "malformed");
	}

	@Test
	void authenticateWhenIdTokenThenBadType() {
		// An OpenID Connect ID token: typ JWT, aud = the client id, nonce, auth_time.
		String idToken = token().type("JWT").audience(TestJwts.DEFAULT_CLIENT_ID).claim("nonce", "n-0S6").build();
		expectInvalid(idToken, "bad_type");
	}

	@Test
	void authenticateWhenRandomKidFloodThenBoundedFetchesAndGoodTokensKeepWorking() {
		String good = token().build();
		StepVerifier.create(authenticate(good)).expectNextCount(1).verifyComplete();
		for (int i = 0; i < 1000; i++) {
			// Unknown kids are refused before any signature check, so these need no real signature.
			expectInvalid(token().keyId("random-" + i).signature("c2ln").build(), "unknown_key");
			if (i % 250 == 0) {
				this.clock.advance(Duration.ofSeconds(10));
				StepVerifier.create(authenticate(token().jwtId("fresh-" + i).build())).expectNextCount(1)
					.verifyComplete();
			}
		}
		assertThat(this.fetcher.fetches()).isLessThanOrEqualTo(2);
	}

}
