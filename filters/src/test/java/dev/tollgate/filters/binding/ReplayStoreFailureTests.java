package dev.tollgate.filters.binding;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.tollgate.filters.binding.dpop.DpopProofVerifier;
import dev.tollgate.filters.binding.dpop.RedisProofReplayCache;
import dev.tollgate.filters.binding.dpop.ReplayFailurePolicy;
import dev.tollgate.filters.config.PublicBaseUrl;
import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.Confirmation;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.core.InboundCredential;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RoutePolicy.Binding;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.redis.RedisClientSettings;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisTopology;
import dev.tollgate.testkit.TestDpopProofs;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The replay cache's failure policy (RFC 9449 §11.1): with Redis unreachable, {@code deny} answers 503 and
 * {@code allow} lets an otherwise valid proof through as a counted {@code fallback}.
 */
class ReplayStoreFailureTests {

	private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.sig";

	private static final RedisConnector down = RedisConnector.create(
			RedisTopology.fromUrl("redis://127.0.0.1:" + closedPort(), RedisTopology.Credentials.NONE),
			new RedisClientSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(100),
					Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(30)),
			Clock.systemUTC());

	private static final RedisProofReplayCache replay = new RedisProofReplayCache(down);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@AfterAll
	static void close() {
		replay.close();
		down.close();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Answer<?> decide(ReplayFailurePolicy policy) {
		DpopProofVerifier verifier = new DpopProofVerifier(List.of("ES256"), Duration.ofSeconds(60),
				Duration.ofSeconds(5), Clock.systemUTC());
		DpopCheck check = new DpopCheck(verifier, replay, policy, PublicBaseUrl.parse("https://gateway.test"), null);
		BindingStages stages = new BindingStages(check, new DecisionRecorder(this.registry));
		String proof = TestDpopProofs.proof(TestKeys.ec1())
			.uri("https://gateway.test/orders/1")
			.accessToken(TOKEN)
			.build();
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/orders/1").header("Authorization", "DPoP " + TOKEN).header("DPoP", proof));
		Pass pass = new Pass(exchange, null, "orders");
		pass.authenticated(new CallerIdentity("agent", null, Set.of(), CredentialKind.JWT, "sas", null, null,
				new Confirmation(TestDpopProofs.thumbprint(TestKeys.ec1()), null, false)),
				new InboundCredential(CredentialKind.JWT, TOKEN, true), "X-API-Key");
		return stages.stage(Binding.DPOP).apply(pass);
	}

	@Test
	void applyWhenReplayStoreDownAndPolicyDenyThen503_rfc9449_11_1() {
		Answer<?> answer = decide(ReplayFailurePolicy.DENY);

		DependencyFailure failure = catchThrowableOfType(DependencyFailure.class, () -> answer.toMono().block());
		assertThat(failure.reason()).isEqualTo("replay_store_unavailable");
		assertThat(failure.status().value()).isEqualTo(503);
	}

	@Test
	void applyWhenReplayStoreDownAndPolicyAllowThenFallbackCounted() {
		Answer<?> answer = decide(ReplayFailurePolicy.ALLOW);

		assertThat(answer.toMono().block()).isEqualTo(Boolean.TRUE);
		assertThat(this.registry.find("tollgate.decisions").tag("stage", "binding").tag("outcome", "fallback")
			.counter().count()).isEqualTo(1);
	}

}
