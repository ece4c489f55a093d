package dev.tollgate.filters.authn.bearer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.tollgate.filters.authn.support.BearerStack;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.TestAuthorizationServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens from a real Spring Authorization Server on a random port, validated by the real stack (WebClient JWKS
 * fetches, introspection over HTTP).
 */
class AuthorizationServerTokensTests {

	private static final String AUDIENCE = "https://gateway.test/orders";

	private static final RouteSecurity ORDERS = new RouteSecurity("orders", AUDIENCE, List.of("orders:read"),
			Set.of(RouteSecurity.Credential.BEARER), Set.of(), "/orders");

	private static TestAuthorizationServer as;

	private final MutableClock clock = new MutableClock(Instant.now());

	private BearerStack stack;

	@BeforeAll
	static void startAuthorizationServer() {
		as = TestAuthorizationServer.start();
	}

	@AfterAll
	static void stopAuthorizationServer() {
		as.close();
	}

	@BeforeEach
	void setUp() {
		as.server().resetCounters();
		IssuersProperties.Issuer issuer = BearerStack.issuerSettings("sas", as.issuerUri(), as.jwksUri())
			.set("introspection.uri", as.introspectionUri())
			.set("introspection.client-id", "gateway")
			.set("introspection.client-secret", TestAuthorizationServer.SECRET)
			.bind(IssuersProperties.Issuer.class);
		this.stack = BearerStack.of(this.clock, issuer);
	}

	private Mono<CallerIdentity> authenticate(String token) {
		return this.stack.authenticator().authenticate(token, ORDERS);
	}

	@Test
	void authenticateWhenRs256TokenFromAuthorizationServerThenCallerIdentity() {
		String token = as.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");
		StepVerifier.create(authenticate(token)).assertNext((caller) -> {
			assertThat(caller.clientId()).isEqualTo("agent-rs");
			assertThat(caller.kind()).isEqualTo(CredentialKind.JWT);
			assertThat(caller.issuer()).isEqualTo("sas");
			assertThat(caller.scopes()).containsExactly("orders:read");
			assertThat(caller.expiresAt()).isAfter(this.clock.instant());
		}).verifyComplete();
	}

	@Test
	void authenticateWhenEs256TokenFromAuthorizationServerThenCallerIdentity() {
		String token = as.clientCredentialsToken("agent-es", AUDIENCE, "orders:read", "orders:write");
		StepVerifier.create(authenticate(token)).assertNext((caller) -> {
			assertThat(caller.clientId()).isEqualTo("agent-es");
			assertThat(caller.scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
		}).verifyComplete();
	}

	@Test
	void authenticateWhenTokenForAnotherAudienceThenWrongAudience() {
		String token = as.clientCredentialsToken("agent-rs", "https://gateway.test/billing", "orders:read");
		StepVerifier.create(authenticate(token))
			.expectErrorSatisfies((ex) -> assertThat(((CallerFault) ex).reason()).isEqualTo("wrong_audience"))
			.verify();
	}

	@Test
	void authenticateWhenJwksUriNotConfiguredThenDiscoveredFromMetadata() {
		this.stack = BearerStack.of(this.clock, BearerStack.issuer("sas", as.issuerUri(), null));
		String token = as.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");
		StepVerifier.create(authenticate(token)).expectNextCount(1).verifyComplete();
		assertThat(as.server().jwksRequests()).isEqualTo(1);
	}

	@Test
	void authenticateWhenKeysRotatedWhileRequestsFlowThenNoRequestFailsAndOneRefetch() {
		String before = as.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");
		String beforeEc = as.clientCredentialsToken("agent-es", AUDIENCE, "orders:read");
		StepVerifier.create(authenticate(before).then(authenticate(beforeEc))).expectNextCount(1).verifyComplete();
		assertThat(as.server().jwksRequests()).isEqualTo(1);
		// Rotation happens later than the minimum refetch interval after the gateway's last fetch.
		this.clock.advance(Duration.ofSeconds(31));
		as.server().rotateSigningKeys();
		String after = as.clientCredentialsToken("agent-rs", AUDIENCE, "orders:read");
		String afterEc = as.clientCredentialsToken("agent-es", AUDIENCE, "orders:read");
		List<Mono<CallerIdentity>> flowing = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			String token = switch (i % 4) {
				case 0 -> before;
				case 1 -> after;
				case 2 -> beforeEc;
				default -> afterEc;
			};
			// Distinct requests: the verified-token cache must not hide a failure, so each new-key token is
			// checked at least once while the refetch is in flight.
			flowing.add(authenticate(token));
		}
		StepVerifier.create(Flux.merge(flowing)).expectNextCount(40).verifyComplete();
		assertThat(as.server().jwksRequests()).isEqualTo(2);
	}

	@Test
	void authenticateWhenOpaqueTokenThenIntrospectedAndCached() {
		String token = as.opaqueTokenFor("agent-opaque", AUDIENCE, "orders:read");
		StepVerifier.create(authenticate(token)).assertNext((caller) -> {
			assertThat(caller.kind()).isEqualTo(CredentialKind.OPAQUE);
			assertThat(caller.clientId()).isEqualTo("agent-opaque");
			assertThat(caller.issuer()).isEqualTo("sas");
		}).verifyComplete();
		StepVerifier.create(authenticate(token)).expectNextCount(1).verifyComplete();
		assertThat(this.stack.counter("tollgate.introspection.calls")).isEqualTo(1);
	}

	// RFC 7662 §2.2: a revoked token is active:false.
	@Test
	void authenticateWhenOpaqueTokenRevokedThenInactive() {
		String token = as.opaqueTokenFor("agent-opaque", AUDIENCE, "orders:read");
		as.revoke("agent-opaque", token);
		StepVerifier.create(authenticate(token))
			.expectErrorSatisfies((ex) -> assertThat(((CallerFault) ex).reason()).isEqualTo("inactive"))
			.verify();
	}

	@Test
	void authenticateWhenOpaqueTokenForAnotherAudienceThenWrongAudience() {
		String token = as.opaqueTokenFor("agent-opaque", "https://gateway.test/billing", "orders:read");
		StepVerifier.create(authenticate(token))
			.expectErrorSatisfies((ex) -> assertThat(((CallerFault) ex).reason()).isEqualTo("wrong_audience"))
			.verify();
	}

	// RFC 7662 §4: a cached answer must not outlive the token; after exp the gateway asks again.
	@Test
	void authenticateWhenCachedIntrospectionPassesTokenExpiryThenNotServedFromCache() {
		String token = as.opaqueTokenFor("agent-opaque", AUDIENCE, "orders:read");
		StepVerifier.create(authenticate(token)).expectNextCount(1).verifyComplete();
		// Past the cache max TTL (2 min) but within exp (5 min): introspected again, still valid.
		this.clock.advance(Duration.ofMinutes(2).plusSeconds(1));
		StepVerifier.create(authenticate(token)).expectNextCount(1).verifyComplete();
		assertThat(this.stack.counter("tollgate.introspection.calls")).isEqualTo(2);
		// Past exp and skew: the answer cached a moment ago is gone, the fresh one says expired.
		this.clock.advance(Duration.ofMinutes(4));
		StepVerifier.create(authenticate(token))
			.expectErrorSatisfies((ex) -> assertThat(((CallerFault) ex).reason()).isEqualTo("expired"))
			.verify();
		assertThat(this.stack.counter("tollgate.introspection.calls")).isEqualTo(3);
	}

	@Test
	void authenticateWhenIntrospectionDownAndNothingCachedThen503() {
		String cachedToken = as.opaqueTokenFor("agent-opaque", AUDIENCE, "orders:read");
		String freshToken = as.opaqueTokenFor("agent-opaque", AUDIENCE, "orders:read");
		StepVerifier.create(authenticate(cachedToken)).expectNextCount(1).verifyComplete();
		as.server().stopServing();
		try {
			StepVerifier.create(authenticate(freshToken)).expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(DependencyFailure.class);
				assertThat(((DependencyFailure) ex).dependency()).isEqualTo("introspection");
				assertThat(((DependencyFailure) ex).status().value()).isEqualTo(503);
				assertThat(((DependencyFailure) ex).headers()).containsKey("Retry-After");
			}).verify();
			// A cached answer keeps serving while the endpoint is down.
			StepVerifier.create(authenticate(cachedToken)).expectNextCount(1).verifyComplete();
		}
		finally {
			as.server().resumeServing();
		}
	}

}
