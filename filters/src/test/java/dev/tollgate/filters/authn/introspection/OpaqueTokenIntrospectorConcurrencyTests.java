package dev.tollgate.filters.authn.introspection;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.filters.core.TokenFingerprint;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound on concurrent introspections per issuer and the sharing of identical calls, against an endpoint whose
 * answers the test releases one by one.
 */
class OpaqueTokenIntrospectorConcurrencyTests {

	private static final IntrospectionEndpoint ENDPOINT = new IntrospectionEndpoint("corp", "https://idp.test",
			URI.create("https://idp.test/introspect"), "gateway", "secret", "client_id", "scope",
			Duration.ofSeconds(60), Duration.ofMinutes(2), Duration.ofSeconds(30), 2);

	private final MutableClock clock = MutableClock.at("2026-12-07T08:00:00Z");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	/** One pending answer per call the endpoint received. */
	private final List<Sinks.One<ClientResponse>> calls = new ArrayList<>();

	private final OpaqueTokenIntrospector introspector = new OpaqueTokenIntrospector(
			new IntrospectionClient(WebClient.builder().exchangeFunction((request) -> {
				Sinks.One<ClientResponse> answer = Sinks.one();
				this.calls.add(answer);
				return answer.asMono();
			})), this.clock, this.registry, 100);

	private Mono<?> introspect(String token) {
		return this.introspector.introspect(ENDPOINT, token, TokenFingerprint.of(token));
	}

	private void answerInactive(int call) {
		this.calls.get(call).tryEmitValue(ClientResponse.create(HttpStatus.OK)
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.body("{\"active\":false}")
			.build());
	}

	private double counted(String outcome) {
		var counter = this.registry.find("tollgate.introspection.calls").tags("issuer", "corp", "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void introspectWhenMaxConcurrentCallsInFlightThenFast503WithRetryAfterAndNoCall() {
		StepVerifier.FirstStep<?> first = StepVerifier.create(introspect("token-a"));
		StepVerifier.FirstStep<?> second = StepVerifier.create(introspect("token-b"));
		var pendingA = first.expectError(CallerFault.class).verifyLater();
		var pendingB = second.expectError(CallerFault.class).verifyLater();
		assertThat(this.calls).hasSize(2);
		assertThat(this.introspector.inFlight("corp")).isEqualTo(2);

		StepVerifier.create(introspect("token-c")).expectErrorSatisfies((ex) -> {
			DependencyFailure failure = (DependencyFailure) ex;
			assertThat(failure.status().value()).isEqualTo(503);
			assertThat(failure.dependency()).isEqualTo("introspection");
			assertThat(failure.reason()).isEqualTo("introspection_saturated");
			assertThat(failure.headers()).containsEntry("Retry-After", "1");
		}).verify(Duration.ofSeconds(5));
		assertThat(this.calls).as("no call made for the refused request").hasSize(2);
		assertThat(counted("saturated")).isEqualTo(1);

		answerInactive(0);
		answerInactive(1);
		pendingA.verify(Duration.ofSeconds(5));
		pendingB.verify(Duration.ofSeconds(5));
		assertThat(this.introspector.inFlight("corp")).isZero();
		// Permits came back: the next token is introspected again.
		StepVerifier.create(introspect("token-c")).then(() -> answerInactive(2))
			.expectError(CallerFault.class)
			.verify(Duration.ofSeconds(5));
		assertThat(this.calls).hasSize(3);
	}

	@Test
	void introspectWhenSameTokenConcurrentlyThenOneCallSharedAndNoExtraPermit() {
		var first = StepVerifier.create(introspect("token-a")).expectError(CallerFault.class).verifyLater();
		var second = StepVerifier.create(introspect("token-a")).expectError(CallerFault.class).verifyLater();
		var third = StepVerifier.create(introspect("token-a")).expectError(CallerFault.class).verifyLater();
		assertThat(this.calls).hasSize(1);
		assertThat(this.introspector.inFlight("corp")).isEqualTo(1);
		answerInactive(0);
		first.verify(Duration.ofSeconds(5));
		second.verify(Duration.ofSeconds(5));
		third.verify(Duration.ofSeconds(5));
		assertThat(counted("inactive")).isEqualTo(1);
		assertThat(this.introspector.inFlight("corp")).isZero();
	}

	@Test
	void introspectWhenCallFailsThenPermitReturnedAnd503NotCached() {
		var pending = StepVerifier.create(introspect("token-a")).expectError(DependencyFailure.class).verifyLater();
		this.calls.get(0).tryEmitError(new java.io.IOException("connection reset"));
		pending.verify(Duration.ofSeconds(5));
		assertThat(this.introspector.inFlight("corp")).isZero();
		StepVerifier.create(introspect("token-a")).then(() -> answerInactive(1))
			.expectError(CallerFault.class)
			.verify(Duration.ofSeconds(5));
		assertThat(this.calls).hasSize(2);
	}

}
