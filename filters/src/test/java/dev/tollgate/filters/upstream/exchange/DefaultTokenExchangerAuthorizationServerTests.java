package dev.tollgate.filters.upstream.exchange;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.devauth.DevAuthorizationServer;
import dev.tollgate.devauth.DevClient;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exchange client against a real, in-process Spring Authorization Server with the token-exchange grant
 * (RFC 8693): what it issues, how often it is called, and what happens when it goes away.
 */
class DefaultTokenExchangerAuthorizationServerTests {

	private static final ECKey GATEWAY_KEY = TestSigningKeys.ecKey("gateway-key-1");

	@TempDir
	static Path keyDir;

	private static DisposableServer gatewayJwks;

	private static TestAuthorizationServer server;

	private static DevAuthorizationServer sts;

	private final MutableClock clock = MutableClock.startingNow();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private DefaultTokenExchanger exchanger;

	@BeforeAll
	static void startAuthorizationServer() {
		// The STS fetches the gateway's public key from here to check its RFC 7523 client assertions.
		String publicJwks = new JWKSet(GATEWAY_KEY.toPublicJWK()).toString();
		gatewayJwks = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response.header("Content-Type", "application/json")
				.sendString(Mono.just(publicJwks)))
			.bindNow();
		// Own instance (not the shared one): these tests stop it and count its token-exchange requests.
		server = TestAuthorizationServer.start(TestAuthorizationServer.defaultSettings()
			// Holds admin:all, which the gateway's client may not request.
			.client(DevClient.withId("agent-admin").secret(TestAuthorizationServer.SECRET)
				.scopes("orders:read", "admin:all")
				.build())
			.client(DevClient.withId("gateway-pkjwt")
				.grantTypes(DevClient.GrantType.TOKEN_EXCHANGE)
				// Exchanged tokens outlive callers' 5-minute tokens, so the subject's exp bounds caching.
				.tokenTtl(Duration.ofMinutes(10))
				.scopes("orders:read")
				.privateKeyJwt("http://127.0.0.1:" + gatewayJwks.port() + "/jwks.json",
						DevClient.SigningAlgorithm.ES256)
				.build())
			.build());
		sts = server.server();
	}

	@AfterAll
	static void stopAuthorizationServer() {
		server.close();
		gatewayJwks.disposeNow();
	}

	@BeforeEach
	void setUp() {
		sts.resetCounters();
		this.exchanger = exchanger(StsProfileBuilder.profile("corp", URI.create(server.tokenUri()))
			.client("gateway", TestAuthorizationServer.SECRET, ClientAuthMethod.CLIENT_SECRET_BASIC));
	}

	@Test
	void exchangeWhenCallerHoldsScopesThenTokenForTargetAudienceAndScopesRfc8693Section2_2() throws Exception {
		String subject = server.clientCredentialsToken("agent-rs", "https://gw.test/orders", "orders:read",
				"orders:write");

		String exchanged = exchange(caller(subject), subject, "orders-api", List.of("orders:read"));

		assertThat(exchanged).isNotEqualTo(subject);
		JWTClaimsSet claims = SignedJWT.parse(exchanged).getJWTClaimsSet();
		assertThat(claims.getAudience()).containsExactly("orders-api");
		assertThat(claims.getStringClaim("scope")).isEqualTo("orders:read");
		assertThat(claims.getSubject()).isEqualTo("agent-rs");
		assertThat(claims.getIssuer()).isEqualTo(server.issuerUri());
		assertThat(sts.tokenExchangeRequests()).isEqualTo(1);
	}

	@Test
	void exchangeWhenResourceGivenThenTokenAudienceIsTheResourceRfc8707() throws Exception {
		String subject = server.clientCredentialsToken("agent-rs", "https://gw.test/orders", "orders:read");

		String exchanged = this.exchanger.exchange("corp", caller(subject), subject, null,
				"https://orders.internal/api", List.of("orders:read")).block();

		assertThat(SignedJWT.parse(exchanged).getJWTClaimsSet().getAudience())
			.containsExactly("https://orders.internal/api");
	}

	@Test
	void exchangeWhenScopeTheCallerLacksThen403InsufficientScopeAndStsNotCalled() {
		String subject = server.clientCredentialsToken("agent-es", "https://gw.test/orders", "orders:read");

		assertThatThrownBy(() -> exchange(caller(subject), subject, "orders-api", List.of("orders:read",
				"orders:write")))
			.isInstanceOfSatisfying(CallerFault.class, (fault) -> {
				assertThat(fault.status().value()).isEqualTo(403);
				assertThat(fault.scopes()).containsExactly("orders:write");
			});
		assertThat(sts.tokenExchangeRequests()).isZero();
	}

	@Test
	void exchangeWhenStsRefusesScopeThen403WithStsReason() {
		// agent-admin holds admin:all, but the gateway's client may not request it: the STS answers invalid_scope.
		String subject = server.clientCredentialsToken("agent-admin", "https://gw.test/orders", "orders:read",
				"admin:all");

		assertThatThrownBy(() -> exchange(caller(subject), subject, "orders-api", List.of("admin:all")))
			.isInstanceOfSatisfying(CallerFault.class, (fault) -> {
				assertThat(fault.status().value()).isEqualTo(403);
				assertThat(fault.reason()).isEqualTo("sts_invalid_scope");
			});
	}

	@Test
	void exchangeWhenSubjectTokenUnknownToTheStsThen403InvalidGrant() {
		CallerIdentity forged = TestCallers.caller("agent-rs").scopes("orders:read").build();

		assertThatThrownBy(
				() -> exchange(forged, "not-a-token-this-server-issued", "orders-api", List.of("orders:read")))
			.satisfies((ex) -> assertThat(((dev.tollgate.filters.core.Rejection) ex).reason())
				.isEqualTo("sts_invalid_grant"))
			.isInstanceOf(CallerFault.class);
	}

	@Test
	void exchangeWhenHundredConcurrentRequestsWithOneSubjectTokenThenOneStsCall() throws Exception {
		String subject = server.clientCredentialsToken("agent-rs", "https://gw.test/orders", "orders:read");
		CallerIdentity caller = caller(subject);
		ExecutorService pool = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<String>> results = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			results.add(CompletableFuture.supplyAsync(() -> {
				await(start);
				return this.exchanger.exchange("corp", caller, subject, "orders-api", null, List.of("orders:read"))
					.toFuture()
					.join();
			}, pool));
		}
		start.countDown();
		CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		pool.shutdown();

		assertThat(sts.tokenExchangeRequests()).isEqualTo(1);
		assertThat(results.stream().map(CompletableFuture::join).distinct()).hasSize(1);
	}

	@Test
	void exchangeWhenTwoCallersOnOneRouteThenEachGetsItsOwnToken() throws Exception {
		String subjectA = server.clientCredentialsToken("agent-rs", "https://gw.test/orders", "orders:read");
		String subjectB = server.clientCredentialsToken("agent-es", "https://gw.test/orders", "orders:read");

		String forA = exchange(caller(subjectA), subjectA, "orders-api", List.of("orders:read"));
		String forB = exchange(caller(subjectB), subjectB, "orders-api", List.of("orders:read"));
		String forAAgain = exchange(caller(subjectA), subjectA, "orders-api", List.of("orders:read"));

		assertThat(forA).isNotEqualTo(forB).isEqualTo(forAAgain);
		assertThat(SignedJWT.parse(forA).getJWTClaimsSet().getSubject()).isEqualTo("agent-rs");
		assertThat(SignedJWT.parse(forB).getJWTClaimsSet().getSubject()).isEqualTo("agent-es");
		assertThat(sts.tokenExchangeRequests()).isEqualTo(2);
	}

	@Test
	void exchangeWhenStsStoppedThenCachedServedUntilNearExpiryUncached503AndStsBackRecovers() throws Exception {
		String subjectA = server.clientCredentialsToken("agent-rs", "https://gw.test/orders", "orders:read");
		String subjectB = server.clientCredentialsToken("agent-es", "https://gw.test/orders", "orders:read");
		CallerIdentity callerA = caller(subjectA);
		this.clock.set(Instant.now());
		String cached = exchange(callerA, subjectA, "orders-api", List.of("orders:read"));
		// Served until the earlier of the two tokens' expiry less the 30 s refresh margin (JWT exp is in whole
		// seconds, hence the one-second slack either side).
		Instant exchangedExpiry = SignedJWT.parse(cached).getJWTClaimsSet().getExpirationTime().toInstant();
		Instant servedUntil = min(callerA.expiresAt(), exchangedExpiry).minusSeconds(30);

		sts.stopServing();
		try {
			this.clock.set(servedUntil.minusSeconds(2));
			assertThat(exchange(callerA, subjectA, "orders-api", List.of("orders:read"))).isEqualTo(cached);
			assertThatThrownBy(() -> exchange(caller(subjectB), subjectB, "orders-api", List.of("orders:read")))
				.isInstanceOfSatisfying(DependencyFailure.class, (failure) -> {
					assertThat(failure.status().value()).isEqualTo(503);
					assertThat(failure.headers()).containsKey("Retry-After");
				});
			this.clock.set(servedUntil.plusSeconds(1));
			assertThatThrownBy(() -> exchange(callerA, subjectA, "orders-api", List.of("orders:read")))
				.isInstanceOf(DependencyFailure.class);
		}
		finally {
			sts.resumeServing();
		}

		this.clock.set(Instant.now());
		String recovered = exchange(caller(subjectB), subjectB, "orders-api", List.of("orders:read"));
		assertThat(SignedJWT.parse(recovered).getJWTClaimsSet().getSubject()).isEqualTo("agent-es");
		assertThat(sts.tokenExchangeRequests()).isEqualTo(2);
	}

	@Test
	void exchangeWhenClientSecretPostThenStsAcceptsTheGateway() throws Exception {
		DefaultTokenExchanger post = exchanger(StsProfileBuilder.profile("corp", URI.create(server.tokenUri()))
			.client("gateway", TestAuthorizationServer.SECRET, ClientAuthMethod.CLIENT_SECRET_POST));
		String subject = server.clientCredentialsToken("agent-rs", "https://gw.test/orders", "orders:read");

		String exchanged = post.exchange("corp", caller(subject), subject, "orders-api", null, List.of("orders:read"))
			.block();

		assertThat(SignedJWT.parse(exchanged).getJWTClaimsSet().getAudience()).containsExactly("orders-api");
	}

	@Test
	void exchangeWhenPrivateKeyJwtThenStsAcceptsTheGatewaysSignedAssertionRfc7523() throws Exception {
		Path keyFile = TestSigningKeys.writeJwkSet(keyDir, GATEWAY_KEY);
		DefaultTokenExchanger signed = exchanger(StsProfileBuilder.profile("corp", URI.create(server.tokenUri()))
			.privateKeyJwt("gateway-pkjwt", keyFile));
		String subjectA = server.clientCredentialsToken("agent-rs", "https://gw.test/orders", "orders:read");
		String subjectB = server.clientCredentialsToken("agent-es", "https://gw.test/orders", "orders:read");

		String forA = signed.exchange("corp", caller(subjectA), subjectA, "orders-api", null, List.of("orders:read"))
			.block();
		String forB = signed.exchange("corp", caller(subjectB), subjectB, "orders-api", null, List.of("orders:read"))
			.block();

		assertThat(SignedJWT.parse(forA).getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("gateway-pkjwt");
		assertThat(SignedJWT.parse(forB).getJWTClaimsSet().getSubject()).isEqualTo("agent-es");
	}

	@Test
	void exchangeWhenPrivateKeyIsNotTheRegisteredOneThen503InvalidClient() throws Exception {
		Path otherKey = TestSigningKeys.writeJwkSet(keyDir, TestSigningKeys.ecKey("impostor"));
		DefaultTokenExchanger impostor = exchanger(StsProfileBuilder.profile("corp", URI.create(server.tokenUri()))
			.privateKeyJwt("gateway-pkjwt", otherKey));
		String subject = server.clientCredentialsToken("agent-rs", "https://gw.test/orders", "orders:read");

		assertThatThrownBy(() -> impostor.exchange("corp", caller(subject), subject, "orders-api", null,
				List.of("orders:read")).block())
			.isInstanceOfSatisfying(DependencyFailure.class,
					(failure) -> assertThat(failure.reason()).isEqualTo("sts_invalid_client"));
	}

	@Test
	void exchangeWhenGatewaySecretWrongThen503NotTheCallersFault() {
		DefaultTokenExchanger wrong = exchanger(StsProfileBuilder.profile("corp", URI.create(server.tokenUri()))
			.client("gateway", "not-the-secret", ClientAuthMethod.CLIENT_SECRET_BASIC));
		String subject = server.clientCredentialsToken("agent-rs", "https://gw.test/orders", "orders:read");

		assertThatThrownBy(() -> wrong.exchange("corp", caller(subject), subject, "orders-api", null,
				List.of("orders:read")).block())
			.isInstanceOfSatisfying(DependencyFailure.class,
					(failure) -> assertThat(failure.reason()).isEqualTo("sts_invalid_client"));
	}

	@Test
	void exchangeWhenActorTokenConfiguredThenIssuedTokenNamesTheGatewayInActRfc8693Section4_1() throws Exception {
		DefaultTokenExchanger delegating = exchanger(StsProfileBuilder.profile("corp", URI.create(server.tokenUri()))
			.actorToken(ActorTokenMode.CLIENT_CREDENTIALS));
		String subject = server.clientCredentialsToken("agent-rs", "https://gw.test/orders", "orders:read");

		String exchanged = delegating.exchange("corp", caller(subject), subject, "orders-api", null,
				List.of("orders:read")).block();

		JWTClaimsSet claims = SignedJWT.parse(exchanged).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("agent-rs");
		assertThat(claims.getJSONObjectClaim("act")).containsEntry("sub", "gateway");
	}

	@Test
	void invalidateWhenUpstreamRejectedTheTokenThenNextExchangeAsksTheStsAgain() {
		String subject = server.clientCredentialsToken("agent-rs", "https://gw.test/orders", "orders:read");
		String first = exchange(caller(subject), subject, "orders-api", List.of("orders:read"));

		this.exchanger.invalidate("corp", subject, "orders-api", null, List.of("orders:read"), first);
		String second = exchange(caller(subject), subject, "orders-api", List.of("orders:read"));

		assertThat(second).isNotEqualTo(first);
		assertThat(sts.tokenExchangeRequests()).isEqualTo(2);
	}

	private DefaultTokenExchanger exchanger(StsProfileBuilder profile) {
		// A generous budget: the first call in a JVM pays for Netty's start-up on a busy CI machine; the timeout
		// itself is tested with virtual time.
		return new DefaultTokenExchanger(Map.of("corp", profile.timeout(Duration.ofSeconds(20)).build(this.clock)),
				WebClient.create(), this.registry, this.clock);
	}

	private String exchange(CallerIdentity caller, String subject, String audience, List<String> scopes) {
		return this.exchanger.exchange("corp", caller, subject, audience, null, scopes).block();
	}

	/** The identity the authenticate stage would derive from this token. */
	private static CallerIdentity caller(String token) {
		try {
			JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
			String scope = claims.getStringClaim("scope");
			return new CallerIdentity(claims.getStringClaim("client_id"), claims.getSubject(),
					(scope != null) ? Set.of(scope.split(" ")) : Set.of(), CredentialKind.JWT, "test",
					claims.getExpirationTime().toInstant(), null);
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
