package dev.tollgate.filters.binding;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.tollgate.filters.binding.dpop.DpopNonces;
import dev.tollgate.filters.binding.dpop.DpopProofVerifier;
import dev.tollgate.filters.binding.dpop.InMemoryProofReplayCache;
import dev.tollgate.filters.binding.dpop.ReplayFailurePolicy;
import dev.tollgate.filters.config.PublicBaseUrl;
import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.Confirmation;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.InboundCredential;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RoutePolicy.Binding;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.TestDpopProofs;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Server-provided nonces (RFC 9449 §8), through the binding stage with a frozen clock. */
class DpopNonceTests {

	private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.sig";

	private final MutableClock clock = MutableClock.startingNow();

	private final DpopNonces nonces = new DpopNonces(new byte[32], Duration.ofMinutes(5), this.clock);

	private Answer<?> apply(TestDpopProofs.Builder proof) {
		DpopProofVerifier verifier = new DpopProofVerifier(List.of("ES256"), Duration.ofSeconds(60),
				Duration.ofSeconds(5), this.clock);
		DpopCheck check = new DpopCheck(verifier, new InMemoryProofReplayCache(this.clock, 100),
				ReplayFailurePolicy.DENY, PublicBaseUrl.parse("https://gateway.test"), this.nonces);
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/orders/1")
			.header("Authorization", "DPoP " + TOKEN)
			.header("DPoP", proof.uri("https://gateway.test/orders/1")
				.accessToken(TOKEN)
				.issuedAt(this.clock.instant())
				.build()));
		Pass pass = new Pass(exchange, null, "orders");
		pass.authenticated(new CallerIdentity("agent", null, Set.of(), CredentialKind.JWT, "sas", null, null,
				new Confirmation(TestDpopProofs.thumbprint(TestKeys.ec1()), null, false)),
				new InboundCredential(CredentialKind.JWT, TOKEN, true), "X-API-Key");
		return new BindingStages(check, new DecisionRecorder(new SimpleMeterRegistry())).stage(Binding.DPOP)
			.apply(pass);
	}

	@Test
	void applyWhenProofWithoutNonceThenUseDpopNonceWithFreshNonce_rfc9449_8() {
		CallerFault fault = catchThrowableOfType(CallerFault.class, () -> apply(TestDpopProofs.proof(TestKeys.ec1())));

		assertThat(fault.status().value()).isEqualTo(401);
		assertThat(fault.headers()).containsEntry("DPoP-Nonce", this.nonces.current());
		assertThat(fault.headers().get("WWW-Authenticate")).startsWith("DPoP algs=\"ES256\"")
			.contains("error=\"use_dpop_nonce\"");
	}

	@Test
	void applyWhenProofCarriesCurrentNonceThenAccepted_rfc9449_8() {
		Answer<?> answer = apply(TestDpopProofs.proof(TestKeys.ec1()).nonce(this.nonces.current()));

		assertThat(answer.isReady()).isTrue();
	}

}
