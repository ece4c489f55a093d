package dev.tollgate.filters.upstream.exchange;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.core.Rejection;
import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Failure answers of the exchange client (RFC 8693 §2.2.2, RFC 6749 §5.2) against a scripted token endpoint: the
 * result is always a token made for the target or a rejection, never the caller's token and never nothing.
 */
class DefaultTokenExchangerFailureTests {

	private static final String SUBJECT = "subject-token-of-agent-a";

	private final MutableClock clock = MutableClock.startingNow();

	private final ScriptedTokenEndpoint sts = new ScriptedTokenEndpoint();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CallerIdentity caller = TestCallers.caller("agent-a").build();

	@AfterEach
	void close() {
		this.sts.close();
	}

	@Test
	void exchangeWhenStsAnswers500Then503WithConfiguredRetryAfter() {
		this.sts.answer(500, "{\"error\":\"server_error\"}");

		DependencyFailure failure = dependencyFailure(exchanger(), "orders-api");

		assertThat(failure.dependency()).isEqualTo("sts");
		assertThat(failure.reason()).isEqualTo("sts_server_error");
		assertThat(failure.headers()).containsEntry("Retry-After", "5");
	}

	@Test
	void exchangeWhenStsAnswers503WithRetryAfterThenItsRetryAfterIsPassedOn() {
		this.sts.answer(503, "", Map.of("Retry-After", "7"));

		assertThat(dependencyFailure(exchanger(), "orders-api").headers()).containsEntry("Retry-After", "7");
	}

	@Test
	void exchangeWhenStsThrottlesThen503Throttled() {
		this.sts.answer(429, "{\"error\":\"slow_down\"}");

		assertThat(dependencyFailure(exchanger(), "orders-api").reason()).isEqualTo("sts_throttled");
	}

	@Test
	void exchangeWhenStsAnswersHtmlThen503Malformed() {
		this.sts.answer(200, "<html>upstream connect error</html>");

		assertThat(dependencyFailure(exchanger(), "orders-api").reason()).isEqualTo("sts_malformed_response");
	}

	@Test
	void exchangeWhenIssuedTokenWouldInjectAHeaderThen503Malformed() {
		this.sts.answer(200, "{\"access_token\":\"abc\\r\\nX-Admin: true\",\"token_type\":\"Bearer\","
				+ "\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\"}");

		assertThat(dependencyFailure(exchanger(), "orders-api").reason()).isEqualTo("sts_malformed_response");
	}

	@Test
	void exchangeWhenStsNeverAnswersThen503TimeoutAtTheBudget() {
		this.sts.hang();
		DefaultTokenExchanger exchanger = exchanger(StsProfileBuilder.profile("corp", this.sts.tokenUri())
			.timeout(Duration.ofSeconds(2)));

		StepVerifier.withVirtualTime(() -> exchanger.exchange("corp", this.caller, SUBJECT, "orders-api", null,
				List.of("orders:read")))
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(2))
			.expectErrorSatisfies((ex) -> assertThat(((Rejection) ex).reason()).isEqualTo("sts_timeout"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void exchangeWhenStsUnreachableThen503Unreachable() throws Exception {
		URI closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/token");
		}
		DefaultTokenExchanger exchanger = exchanger(StsProfileBuilder.profile("corp", closed));

		assertThat(dependencyFailure(exchanger, "orders-api").reason()).isEqualTo("sts_unreachable");
	}

	@Test
	void exchangeWhenStsRefusesTargetThen403AndRefusalRememberedForItsTtlRfc8693Section2_2_2() {
		this.sts.answer(400, "{\"error\":\"invalid_target\",\"error_description\":\"no such audience\"}");
		DefaultTokenExchanger exchanger = exchanger();

		CallerFault first = callerFault(exchanger, "unknown-api");
		CallerFault repeated = callerFault(exchanger, "unknown-api");
		this.clock.advance(Duration.ofSeconds(5));
		callerFault(exchanger, "unknown-api");

		assertThat(first.status().value()).isEqualTo(403);
		assertThat(first.reason()).isEqualTo("sts_invalid_target");
		assertThat(first.description()).contains("invalid_target").doesNotContain("no such audience");
		assertThat(repeated).isSameAs(first);
		assertThat(this.sts.received()).hasSize(2);
	}

	@Test
	void exchangeWhenStsRejectsTheGatewaysOwnCredentialsThen503NotTheCallersFault() {
		this.sts.answer(401, "{\"error\":\"invalid_client\"}");

		assertThat(dependencyFailure(exchanger(), "orders-api").reason()).isEqualTo("sts_invalid_client");
	}

	@Test
	void exchangeWhenStsFailedOnceThenFailureNotCachedAndNextRequestSucceeds() {
		DefaultTokenExchanger exchanger = exchanger();
		this.sts.answer(502, "");
		dependencyFailure(exchanger, "orders-api");

		this.sts.issue("exchanged-1", 300);

		assertThat(exchange(exchanger, "orders-api")).isEqualTo("exchanged-1");
		assertThat(this.sts.received()).hasSize(2);
	}

	@Test
	void exchangeWhenCallerUsedAnApiKeyThen403WithoutCallingSts() {
		CallerIdentity apiKeyCaller = TestCallers.caller("legacy").kind(CredentialKind.API_KEY).build();

		assertThatThrownBy(() -> exchanger().exchange("corp", apiKeyCaller, "tg_key", "orders-api", null, List.of())
			.block()).isInstanceOfSatisfying(CallerFault.class, (f) -> assertThat(f.status().value()).isEqualTo(403));
		assertThat(this.sts.received()).isEmpty();
	}

	@Test
	void exchangeWhenScopesExceedTheCallersThen403InsufficientScopeWithoutCallingSts() {
		// security.md: requested scopes are a subset of the caller's (RFC 8693 §5: no privilege escalation).
		CallerIdentity reader = TestCallers.caller("agent-r").scopes("orders:read").build();

		assertThatThrownBy(() -> exchanger()
			.exchange("corp", reader, SUBJECT, "orders-api", null, List.of("orders:read", "orders:delete"))
			.block()).isInstanceOfSatisfying(CallerFault.class, (f) -> {
				assertThat(f.status().value()).isEqualTo(403);
				assertThat(f.scopes()).containsExactly("orders:delete");
			});
		assertThat(this.sts.received()).isEmpty();
	}

	@Test
	void exchangeWhenProfileUnknownThen503() {
		assertThatThrownBy(() -> exchanger().exchange("nope", this.caller, SUBJECT, "a", null, List.of()).block())
			.isInstanceOfSatisfying(DependencyFailure.class,
					(f) -> assertThat(f.reason()).isEqualTo("sts_unknown_profile"));
	}

	@Test
	void exchangeWhenSentThenRfc8693Section2_1FormWithBasicClientAuthentication() {
		this.sts.issue("exchanged-1", 300);

		exchanger().exchange("corp", this.caller, SUBJECT, "orders-api", "https://orders.example/api",
				List.of("orders:write", "orders:read", "orders:read")).block();

		ScriptedTokenEndpoint.Received request = this.sts.received().get(0);
		assertThat(request.form()).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
			.containsEntry("subject_token", SUBJECT)
			.containsEntry("subject_token_type", "urn:ietf:params:oauth:token-type:access_token")
			.containsEntry("requested_token_type", "urn:ietf:params:oauth:token-type:access_token")
			.containsEntry("audience", "orders-api")
			.containsEntry("resource", "https://orders.example/api")
			.containsEntry("scope", "orders:read orders:write")
			.doesNotContainKeys("client_secret", "actor_token");
		assertThat(request.authorization()).startsWith("Basic ");
	}

	@Test
	void exchangeWhenNoExpiresInAndOpaqueTokenThenServedButNotCached() {
		this.sts.answer(200, "{\"access_token\":\"opaque-1\",\"token_type\":\"Bearer\","
				+ "\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\"}");
		DefaultTokenExchanger exchanger = exchanger();

		assertThat(exchange(exchanger, "orders-api")).isEqualTo("opaque-1");
		assertThat(exchange(exchanger, "orders-api")).isEqualTo("opaque-1");
		assertThat(this.sts.received()).hasSize(2);
	}

	private DefaultTokenExchanger exchanger() {
		return exchanger(StsProfileBuilder.profile("corp", this.sts.tokenUri()));
	}

	private DefaultTokenExchanger exchanger(StsProfileBuilder profile) {
		return new DefaultTokenExchanger(Map.of("corp", profile.build(this.clock)), WebClient.create(), this.registry,
				this.clock);
	}

	private String exchange(DefaultTokenExchanger exchanger, String audience) {
		return exchanger.exchange("corp", this.caller, SUBJECT, audience, null, List.of("orders:read")).block();
	}

	private DependencyFailure dependencyFailure(DefaultTokenExchanger exchanger, String audience) {
		try {
			exchange(exchanger, audience);
		}
		catch (DependencyFailure failure) {
			assertThat(failure.status().value()).isEqualTo(503);
			return failure;
		}
		throw new AssertionError("expected a DependencyFailure");
	}

	private CallerFault callerFault(DefaultTokenExchanger exchanger, String audience) {
		try {
			exchange(exchanger, audience);
		}
		catch (CallerFault fault) {
			return fault;
		}
		throw new AssertionError("expected a CallerFault");
	}

}
