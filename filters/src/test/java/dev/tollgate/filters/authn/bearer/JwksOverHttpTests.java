package dev.tollgate.filters.authn.bearer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.tollgate.filters.authn.support.BearerStack;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.TestJwks;
import dev.tollgate.testkit.TestJwtBuilder;
import dev.tollgate.testkit.TestJwts;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWKS cache against a controlled issuer over real HTTP: one fetch serves many requests, concurrent misses share
 * one fetch, random-kid floods are throttled, failures keep the last good key set, and keys named in token headers
 * are never fetched.
 */
class JwksOverHttpTests {

	private static final String AUDIENCE = "https://gateway.test/orders";

	private static final RouteSecurity ORDERS = new RouteSecurity("orders", AUDIENCE, List.of(),
			Set.of(RouteSecurity.Credential.BEARER), Set.of(), "/orders");

	private final MutableClock clock = new MutableClock(Instant.now());

	private TestJwks issuer;

	/** An attacker's key server, named in token headers; it must never be asked anything. */
	private TestJwks attacker;

	private BearerStack stack;

	@BeforeEach
	void start() {
		this.issuer = TestJwks.start(TestKeys.rsa1(), TestKeys.ec1(), TestKeys.ed1());
		this.attacker = TestJwks.start(TestKeys.rsa2());
		this.stack = BearerStack.of(this.clock, BearerStack.issuer("corp", this.issuer.issuerUri(), this.issuer.jwksUri()));
	}

	@AfterEach
	void stop() {
		this.issuer.close();
		this.attacker.close();
	}

	private TestJwtBuilder token() {
		return TestJwts.jwt().clock(this.clock).issuer(this.issuer.issuerUri()).audience(AUDIENCE);
	}

	private Mono<CallerIdentity> authenticate(String token) {
		return this.stack.authenticator().authenticate(token, ORDERS);
	}

	private void expectInvalid(String token, String reason) {
		StepVerifier.create(authenticate(token))
			.expectErrorSatisfies((ex) -> assertThat(((CallerFault) ex).reason()).isEqualTo(reason))
			.verify();
	}

	// Envoy jwt_authn's test: a JWKS cache serves N requests with exactly one fetch.
	@Test
	void authenticateWhenTwentyDistinctTokensThenExactlyOneJwksFetch() {
		for (int i = 0; i < 20; i++) {
			TestJwtBuilder builder = token();
			if (i % 2 == 1) {
				builder.signWith(TestKeys.ec1());
			}
			StepVerifier.create(authenticate(builder.build())).expectNextCount(1).verifyComplete();
		}
		assertThat(this.issuer.requests()).isEqualTo(1);
	}

	@Test
	void authenticateWhenEdDsaTokenThenVerifiedWithJdkEd25519() {
		StepVerifier.create(authenticate(token().signWith(TestKeys.ed1()).build())).expectNextCount(1).verifyComplete();
	}

	@Test
	void authenticateWhenFiftyConcurrentRequestsBeforeFirstFetchThenOneFetch() {
		this.issuer.hold();
		List<Mono<CallerIdentity>> pending = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			pending.add(authenticate(token().build()).cache());
		}
		pending.forEach(Mono::subscribe);
		this.issuer.release();
		StepVerifier.create(Flux.concat(pending)).expectNextCount(50).verifyComplete();
		assertThat(this.issuer.requests()).isEqualTo(1);
	}

	@Test
	void authenticateWhenThousandRandomKidsThenAtMostTwoFetchesAndLegitimateTokensKeepWorking() {
		String template = token().build();
		StepVerifier.create(authenticate(template)).expectNextCount(1).verifyComplete();
		int legitimate = 0;
		for (int i = 0; i < 1000; i++) {
			expectInvalid(withKid(template, UUID.randomUUID().toString()), "unknown_key");
			if (i % 100 == 0) {
				// Virtual time moves 10 s per 100 tokens: the whole flood spans 100 s, room for 3 refetches at most.
				this.clock.advance(Duration.ofSeconds(10));
				StepVerifier.create(authenticate(token().build())).expectNextCount(1).verifyComplete();
				legitimate++;
			}
		}
		assertThat(legitimate).isEqualTo(10);
		// 1 initial fetch + the refetches the minimum interval allowed over 100 s of flood.
		assertThat(this.issuer.requests()).isLessThanOrEqualTo(4);
		assertThat(this.stack.counter("tollgate.jwks.unknown_kid", "outcome", "throttled")).isGreaterThanOrEqualTo(997);
	}

	@Test
	void authenticateWhenThousandRandomKidsWithinMinimumIntervalThenNoExtraFetch() {
		String template = token().build();
		StepVerifier.create(authenticate(template)).expectNextCount(1).verifyComplete();
		this.clock.advance(Duration.ofSeconds(30));
		for (int i = 0; i < 1000; i++) {
			expectInvalid(withKid(template, "random-" + i), "unknown_key");
		}
		StepVerifier.create(authenticate(token().build())).expectNextCount(1).verifyComplete();
		assertThat(this.issuer.requests()).isEqualTo(2);
	}

	/**
	 * The token with its header's {@code kid} replaced and the signature kept: an unknown kid is refused before
	 * any signature check, so flood tokens need not be signed one by one.
	 */
	private static String withKid(String token, String kid) {
		String[] parts = token.split("\\.");
		Map<String, Object> header = new LinkedHashMap<>(TestJwts.header(token));
		header.put("kid", kid);
		String encoded = Base64URL.encode(JSONObjectUtils.toJSONString(header).getBytes(StandardCharsets.UTF_8))
			.toString();
		return encoded + "." + parts[1] + "." + parts[2];
	}

	// RFC 8725 §3.10, CVE-2018-0114: header-named keys are never used, never fetched.
	@Test
	void authenticateWhenHeaderNamesKeysElsewhereThenRefusedAndNothingFetchedThere() {
		RSAKey attackerKey = TestKeys.rsa2();
		String jku = token().signWith(attackerKey).header("jku", this.attacker.jwksUri()).build();
		String x5u = token().signWith(attackerKey).header("x5u", this.attacker.issuerUri() + "/cert.pem").build();
		String jwk = token().signWith(attackerKey).header("jwk", attackerKey.toPublicJWK().toJSONObject()).build();
		String jkuUnderIssuersKid = token().signWith(attackerKey).keyId("rsa-1")
			.header("jku", this.attacker.jwksUri())
			.build();
		String x5c = token().signWith(attackerKey).keyId("rsa-1")
			.header("x5c", List.of("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"))
			.build();
		expectInvalid(jku, "unknown_key");
		expectInvalid(x5u, "unknown_key");
		expectInvalid(jwk, "unknown_key");
		expectInvalid(jkuUnderIssuersKid, "bad_signature");
		expectInvalid(x5c, "bad_signature");
		assertThat(this.attacker.requests()).isZero();
	}

	@Test
	void authenticateWhenJwksDownAfterFirstFetchThenLastGoodKeysServeAndUnknownKidsRefused() {
		StepVerifier.create(authenticate(token().build())).expectNextCount(1).verifyComplete();
		this.issuer.fail();
		this.clock.advance(Duration.ofMinutes(10));
		StepVerifier.create(authenticate(token().build())).expectNextCount(1).verifyComplete();
		expectInvalid(token().keyId("new-kid").build(), "unknown_key");
		StepVerifier.create(authenticate(token().signWith(TestKeys.ec1()).build())).expectNextCount(1).verifyComplete();
		assertThat(this.stack.counter("tollgate.jwks.failures", "reason", "http_status")).isPositive();
	}

	@Test
	void authenticateWhenJwksNeverFetchedAndDownThen503() {
		this.issuer.fail();
		StepVerifier.create(authenticate(token().build())).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(DependencyFailure.class);
			assertThat(((DependencyFailure) ex).dependency()).isEqualTo("jwks");
			assertThat(((DependencyFailure) ex).headers()).containsKey("Retry-After");
		}).verify();
		this.issuer.recover();
		this.clock.advance(Duration.ofSeconds(5));
		StepVerifier.create(authenticate(token().build())).expectNextCount(1).verifyComplete();
	}

	@Test
	void authenticateWhenNoJwksUriThenDiscoveredAndDocumentIssuerChecked() {
		this.stack = BearerStack.of(this.clock, BearerStack.issuer("corp", this.issuer.issuerUri(), null));
		StepVerifier.create(authenticate(token().build())).expectNextCount(1).verifyComplete();
		assertThat(this.issuer.requests()).isEqualTo(1);
	}

	@Test
	void authenticateWhenDiscoveryDocumentNamesAnotherIssuerThen503() {
		// Configured issuer differs from what the metadata document says (a trailing slash): RFC 8414 §3.3.
		String configured = this.issuer.issuerUri() + "/";
		this.stack = BearerStack.of(this.clock, BearerStack.issuer("corp", configured, null));
		StepVerifier.create(authenticate(token().issuer(configured).build()))
			.expectError(DependencyFailure.class)
			.verify();
		assertThat(this.issuer.requests()).isZero();
		assertThat(this.stack.counter("tollgate.jwks.failures", "reason", "discovery")).isEqualTo(1);
	}

}
