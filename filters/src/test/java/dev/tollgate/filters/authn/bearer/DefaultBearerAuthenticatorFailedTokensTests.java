package dev.tollgate.filters.authn.bearer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.filters.authn.FailedCredentialCache;
import dev.tollgate.filters.authn.introspection.IntrospectionClient;
import dev.tollgate.filters.authn.introspection.OpaqueTokenIntrospector;
import dev.tollgate.filters.authn.jwks.JwksCache;
import dev.tollgate.filters.authn.jwks.JwksMetrics;
import dev.tollgate.filters.authn.support.FakeJwksFetcher;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.TestJwtBuilder;
import dev.tollgate.testkit.TestJwts;
import dev.tollgate.testkit.TestKeys;
import dev.tollgate.testkit.TestSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** The negative cache of JWTs that failed: what is remembered, what never is, and that answers stay identical. */
class DefaultBearerAuthenticatorFailedTokensTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	/** corp's published keys; the Ed25519 one without alg, so its curve alone binds it to EdDSA. */
	private static final String CORP_JWKS = TestKeys.publicJwkSet(TestKeys.rsa1(), TestKeys.rsaPs1(), TestKeys.ec1(),
			TestKeys.withoutAlgorithm(TestKeys.ed1())).toString();

	private static final RouteSecurity ORDERS = new RouteSecurity("orders", TestJwts.DEFAULT_AUDIENCE,
			List.of("orders:read"), Set.of(RouteSecurity.Credential.BEARER), Set.of(), "/orders");

	private final MutableClock clock = new MutableClock(NOW);

	private final FakeJwksFetcher fetcher = new FakeJwksFetcher(CORP_JWKS);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FailedCredentialCache failed = new FailedCredentialCache("bearer", Duration.ofSeconds(30), 100,
			this.clock, this.registry);

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
		JwksCache keys = new JwksCache(issuers.jwksEndpoints(), this.fetcher, this.clock,
				new JwksMetrics(this.registry, this.clock));
		OpaqueTokenIntrospector introspector = new OpaqueTokenIntrospector(new IntrospectionClient(WebClient.builder()),
				this.clock, this.registry, 10);
		return new DefaultBearerAuthenticator(issuers, new JwtAccessTokenVerifier(issuers, keys), introspector,
				new VerifiedTokenCache(100, this.clock, this.registry), this.failed, this.clock, 8192, 16);
	}

	private CallerFault refusal(String token, RouteSecurity route) {
		CallerFault[] fault = new CallerFault[1];
		StepVerifier.create(this.authenticator.authenticate(token, route))
			.expectErrorSatisfies((ex) -> fault[0] = (CallerFault) ex)
			.verify();
		return fault[0];
	}

	private double hits() {
		return this.registry.get("tollgate.authn.failed_credentials").tags("kind", "bearer", "outcome", "hit")
			.counter().count();
	}

	/** A valid access token issued at {@code issuedAt}, expiring five minutes later. */
	private static TestJwtBuilder tokenIssuedAt(Instant issuedAt) {
		return TestJwts.jwt().clock(Clock.fixed(issuedAt, ZoneOffset.UTC));
	}

	private static String badSignature() {
		String token = tokenIssuedAt(NOW).build();
		char last = token.charAt(token.length() - 5);
		return token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4);
	}

	@Test
	void authenticateWhenBadSignatureRepeatedThenIdenticalRefusalFromCache() {
		String token = badSignature();
		CallerFault first = refusal(token, ORDERS);
		CallerFault second = refusal(token, ORDERS);
		assertThat(first.reason()).isEqualTo("bad_signature");
		assertThat(second).isSameAs(first);
		assertThat(hits()).isEqualTo(1);
		assertThat(this.failed.size()).isEqualTo(1);
	}

	@Test
	void authenticateWhenExpiredOrUnknownIssuerOrMalformedThenRemembered() {
		refusal(tokenIssuedAt(NOW.minusSeconds(3600)).build(), ORDERS);
		refusal(tokenIssuedAt(NOW).issuer("https://attacker.test").build(), ORDERS);
		refusal("eyJhbGciOiJSUzI1NiJ9.bm90LWpzb24.c2ln", ORDERS);
		assertThat(this.failed.size()).isEqualTo(3);
	}

	@Test
	void authenticateWhenRememberedAndTtlPassedThenVerifiedAgain() {
		String token = badSignature();
		refusal(token, ORDERS);
		this.clock.advance(Duration.ofSeconds(30));
		refusal(token, ORDERS);
		assertThat(hits()).isZero();
	}

	// Route-specific refusals are never remembered: the same token may be good on another route.
	@Test
	void authenticateWhenIssuerNotAllowedOnRouteThenNotRememberedAndAcceptedElsewhere() {
		String token = tokenIssuedAt(NOW).build();
		RouteSecurity onlyOther = new RouteSecurity("o", TestJwts.DEFAULT_AUDIENCE, List.of(),
				Set.of(RouteSecurity.Credential.BEARER), Set.of("other"), "/o");
		assertThat(refusal(token, onlyOther).reason()).isEqualTo("issuer_not_allowed");
		StepVerifier.create(this.authenticator.authenticate(token, ORDERS)).expectNextCount(1).verifyComplete();
		assertThat(this.failed.size()).isZero();
	}

	// nbf in the future becomes valid as time passes: never remembered.
	@Test
	void authenticateWhenNotYetValidThenNotRemembered() {
		String token = tokenIssuedAt(NOW).notBefore(NOW.plusSeconds(600)).build();
		assertThat(refusal(token, ORDERS).reason()).isEqualTo("not_yet_valid");
		assertThat(this.failed.size()).isZero();
	}

	// The issuer may be rotating keys right now: an unknown kid is not remembered, the JWKS cache rate-limits it.
	@Test
	void authenticateWhenUnknownKidThenNotRemembered() {
		String token = tokenIssuedAt(NOW).keyId("not-published-yet").build();
		assertThat(refusal(token, ORDERS).reason()).isEqualTo("unknown_key");
		assertThat(this.failed.size()).isZero();
	}

	@Test
	void authenticateWhenJwksUnavailableThenDependencyFailureNotRemembered() {
		this.fetcher.failing(true);
		StepVerifier.create(this.authenticator.authenticate(tokenIssuedAt(NOW).build(), ORDERS))
			.expectErrorSatisfies((ex) -> assertThat(ex).isNotInstanceOf(CallerFault.class))
			.verify();
		assertThat(this.failed.size()).isZero();
	}

	@Test
	void recentlyVerifiedWhenTokenVerifiedBeforeThenTrueElseFalse() {
		String token = tokenIssuedAt(NOW).build();
		assertThat(this.authenticator.recentlyVerified(token)).isFalse();
		StepVerifier.create(this.authenticator.authenticate(token, ORDERS)).expectNextCount(1).verifyComplete();
		assertThat(this.authenticator.recentlyVerified(token)).isTrue();
		assertThat(this.authenticator.recentlyVerified(badSignature())).isFalse();
	}

}
