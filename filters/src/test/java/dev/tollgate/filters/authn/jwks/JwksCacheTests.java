package dev.tollgate.filters.authn.jwks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import dev.tollgate.filters.authn.jwt.SupportedAlgorithms;
import dev.tollgate.filters.authn.support.FakeJwksFetcher;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

class JwksCacheTests {

	/** corp's published keys; the Ed25519 one without alg. */
	private static final String CORP_JWKS = TestKeys.publicJwkSet(TestKeys.rsa1(), TestKeys.rsaPs1(), TestKeys.ec1(),
			TestKeys.withoutAlgorithm(TestKeys.ed1())).toString();

	private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FakeJwksFetcher fetcher = new FakeJwksFetcher(CORP_JWKS);

	private final JwksCache cache = cache(JwksSettings.defaults());

	private JwksCache cache(JwksSettings settings) {
		JwksEndpoint endpoint = new JwksEndpoint("corp", "https://idp.test", URI.create("https://idp.test/jwks"),
				SupportedAlgorithms.DEFAULTS, settings);
		return new JwksCache(List.of(endpoint), this.fetcher, this.clock, new JwksMetrics(this.registry, this.clock));
	}

	private Mono<VerificationKey> key(String kid) {
		return this.cache.key("corp", kid, JWSAlgorithm.RS256);
	}

	// Envoy's jwt_authn has the same test: a JWKS cache serves many requests with exactly one fetch.
	@Test
	void keyWhenTenRequestsThenExactlyOneFetch() {
		for (int i = 0; i < 10; i++) {
			StepVerifier.create(key("rsa-1")).expectNextMatches((k) -> "rsa-1".equals(k.keyId())).verifyComplete();
		}
		assertThat(this.fetcher.fetches()).isEqualTo(1);
		assertThat(this.registry.get("tollgate.jwks.fetches").tag("outcome", "success").counter().count()).isEqualTo(1);
	}

	@Test
	void keyWhenManyConcurrentFirstRequestsThenOneFetchSharedByAll() {
		this.fetcher.hold();
		List<Mono<VerificationKey>> pending = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			pending.add(key("rsa-1").cache());
		}
		pending.forEach(Mono::subscribe);
		this.fetcher.release();
		StepVerifier.create(Flux.concat(pending)).expectNextCount(50).verifyComplete();
		assertThat(this.fetcher.fetches()).isEqualTo(1);
	}

	@Test
	void keyWhenEveryKeyOfTheSetThenEachBoundToItsAlgorithm() {
		StepVerifier.create(this.cache.key("corp", "rsa-ps-1", JWSAlgorithm.PS256)).expectNextCount(1).verifyComplete();
		StepVerifier.create(this.cache.key("corp", "ec-1", JWSAlgorithm.ES256)).expectNextCount(1).verifyComplete();
		// The Ed25519 JWK has no alg: its curve binds it to EdDSA.
		StepVerifier.create(this.cache.key("corp", "ed-1", JWSAlgorithm.EdDSA)).expectNextCount(1).verifyComplete();
	}

	// RFC 8725 §3.1: each key is used with exactly one algorithm.
	@Test
	void keyWhenKidKnownButBoundToAnotherAlgorithmThenBadAlgorithmWithoutRefetch() {
		StepVerifier.create(this.cache.key("corp", "rsa-1", JWSAlgorithm.PS256))
			.expectErrorSatisfies((ex) -> assertThat(((CallerFault) ex).reason()).isEqualTo("bad_algorithm"))
			.verify();
		assertThat(this.fetcher.fetches()).isEqualTo(1);
	}

	@Test
	void keyWhenUnknownKidThenOneRefetchThenThrottledWithinMinimumInterval() {
		StepVerifier.create(key("rsa-1")).expectNextCount(1).verifyComplete();
		// The first fetch counts too: within 30 s of it an unknown kid is refused without a fetch.
		expectUnknownKey(key("nope-0"));
		assertThat(this.fetcher.fetches()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(30));
		expectUnknownKey(key("nope-1"));
		assertThat(this.fetcher.fetches()).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(29));
		expectUnknownKey(key("nope-2"));
		assertThat(this.fetcher.fetches()).isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(1));
		expectUnknownKey(key("nope-3"));
		assertThat(this.fetcher.fetches()).isEqualTo(3);
		assertThat(this.registry.get("tollgate.jwks.unknown_kid").tag("outcome", "throttled").counter().count())
			.isEqualTo(2);
	}

	// So a request's trace (and anything else in its context) follows the fetch it started; a background refresh has
	// no request.
	@Test
	void keyWhenRequestStartsFetchThenFetchRunsInThatRequestsContext() {
		StepVerifier.create(key("rsa-1").contextWrite(Context.of("request", "first"))).expectNextCount(1).verifyComplete();
		assertThat((Object) this.fetcher.lastContext().getOrDefault("request", null)).isEqualTo("first");
		this.clock.advance(Duration.ofSeconds(30));
		expectUnknownKey(key("nope").contextWrite(Context.of("request", "unknown-kid")));
		assertThat((Object) this.fetcher.lastContext().getOrDefault("request", null)).isEqualTo("unknown-kid");
		this.clock.advance(Duration.ofMinutes(5));
		this.cache.refreshDue();
		assertThat(this.fetcher.fetches()).isEqualTo(3);
		assertThat(this.fetcher.lastContext().isEmpty()).isTrue();
	}

	// The IdP rotated: a token names the new key, the refetch finds it.
	@Test
	void keyWhenIssuerRotatedThenUnknownKidRefetchFindsNewKey() {
		StepVerifier.create(key("rsa-1")).expectNextCount(1).verifyComplete();
		this.clock.advance(Duration.ofMinutes(1));
		this.fetcher.serve(TestKeys.publicJwkSet(TestKeys.rsa1(), TestKeys.rsa2()).toString(), null);
		StepVerifier.create(key("rsa-2")).expectNextMatches((k) -> "rsa-2".equals(k.keyId())).verifyComplete();
		assertThat(this.fetcher.fetches()).isEqualTo(2);
	}

	@Test
	void keyWhenThousandRandomKidsThenAtMostTwoFetchesAndGoodKidStillServed() {
		StepVerifier.create(key("rsa-1")).expectNextCount(1).verifyComplete();
		for (int i = 0; i < 1000; i++) {
			expectUnknownKey(key(UUID.randomUUID().toString()));
			if (i % 100 == 0) {
				StepVerifier.create(key("rsa-1")).expectNextCount(1).verifyComplete();
				this.clock.advance(Duration.ofSeconds(1));
			}
		}
		// 10 s of virtual time pass: the first unknown kid refetched, every later one was throttled.
		assertThat(this.fetcher.fetches()).isLessThanOrEqualTo(2);
	}

	@Test
	void keyWhenEndpointFailsAfterFirstFetchThenLastGoodKeySetServed() {
		StepVerifier.create(key("rsa-1")).expectNextCount(1).verifyComplete();
		this.fetcher.failing(true);
		this.clock.advance(Duration.ofMinutes(10));
		StepVerifier.create(key("rsa-1")).expectNextCount(1).verifyComplete();
		expectUnknownKey(key("nope"));
		StepVerifier.create(key("rsa-1")).expectNextCount(1).verifyComplete();
		assertThat(this.registry.get("tollgate.jwks.failures").tag("reason", "http_status").counter().count())
			.isPositive();
	}

	@Test
	void keyWhenNoKeySetEverFetchedAndEndpointDownThen503JwksDependencyFailure() {
		this.fetcher.failing(true);
		StepVerifier.create(key("rsa-1")).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(DependencyFailure.class);
			assertThat(((DependencyFailure) ex).dependency()).isEqualTo("jwks");
			assertThat(((DependencyFailure) ex).status().value()).isEqualTo(503);
		}).verify();
		int attempts = this.fetcher.fetches();
		// Until the retry interval passes, no further fetch: the IdP is not hammered while it is down.
		StepVerifier.create(key("rsa-1")).expectError(DependencyFailure.class).verify();
		assertThat(this.fetcher.fetches()).isEqualTo(attempts);
		this.fetcher.failing(false);
		this.clock.advance(Duration.ofSeconds(5));
		StepVerifier.create(key("rsa-1")).expectNextCount(1).verifyComplete();
	}

	@Test
	void keysWhenRefreshDueThenServedAtOnceAndRefreshedInBackground() {
		StepVerifier.create(key("rsa-1")).expectNextCount(1).verifyComplete();
		this.clock.advance(Duration.ofMinutes(5));
		StepVerifier.create(key("rsa-1")).expectNextCount(1).verifyComplete();
		assertThat(this.fetcher.fetches()).isEqualTo(2);
		assertThat(this.cache.current("corp").fetchedAt()).isEqualTo(this.clock.instant());
	}

	@Test
	void refreshDueWhenMaxAgeShorterThanIntervalThenHonouredWithinBounds() {
		this.fetcher.serve(CORP_JWKS, Duration.ofSeconds(60));
		StepVerifier.create(key("rsa-1")).expectNextCount(1).verifyComplete();
		assertThat(this.cache.current("corp").refreshAt()).isEqualTo(this.clock.instant().plusSeconds(60));
		this.clock.advance(Duration.ofSeconds(59));
		this.cache.refreshDue();
		assertThat(this.fetcher.fetches()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(1));
		this.cache.refreshDue();
		assertThat(this.fetcher.fetches()).isEqualTo(2);
		// A max-age below the minimum refetch interval is raised to it.
		this.fetcher.serve(CORP_JWKS, Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(60));
		this.cache.refreshDue();
		assertThat(this.cache.current("corp").refreshAt()).isEqualTo(this.clock.instant().plusSeconds(30));
	}

	@Test
	void ageGaugeWhenKeySetAgesThenReportsSeconds() {
		assertThat(this.registry.get("tollgate.jwks.age").gauge().value()).isNaN();
		StepVerifier.create(key("rsa-1")).expectNextCount(1).verifyComplete();
		this.clock.advance(Duration.ofSeconds(42));
		assertThat(this.registry.get("tollgate.jwks.age").tag("issuer", "corp").gauge().value()).isEqualTo(42.0);
	}

	@Test
	void keysWhenJwksHoldsOnlySymmetricKeysThenNoUsableKeysAnd503() {
		this.fetcher.serve("{\"keys\":[{\"kty\":\"oct\",\"kid\":\"h\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"}]}", null);
		StepVerifier.create(key("h")).expectError(DependencyFailure.class).verify();
		assertThat(this.registry.get("tollgate.jwks.failures").tag("reason", "no_usable_keys").counter().count())
			.isEqualTo(1);
	}

	private static void expectUnknownKey(Mono<VerificationKey> lookup) {
		StepVerifier.create(lookup)
			.expectErrorSatisfies((ex) -> assertThat(((CallerFault) ex).reason()).isEqualTo("unknown_key"))
			.verify();
	}

}
