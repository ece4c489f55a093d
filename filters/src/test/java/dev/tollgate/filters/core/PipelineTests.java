package dev.tollgate.filters.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.DecisionRecorder;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineTests {

	private static final RouteSecurity ROUTE = new RouteSecurity("orders", "https://gw.example.com/orders",
			List.of("orders:read"), Set.of(RouteSecurity.Credential.BEARER), Set.of(), "/orders");

	private static final CallerIdentity CALLER = new CallerIdentity("agent", "agent", Set.of("orders:read"),
			CredentialKind.JWT, "corp", null, null);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ErrorResponder responder = new ErrorResponder(new DecisionRecorder(this.registry), "tollgate", null);

	private final List<String> ran = new ArrayList<>();

	private final AtomicReference<ServerWebExchange> forwarded = new AtomicReference<>();

	private final Mono<Void> upstream = Mono.empty();

	private final GatewayFilterChain chain = (exchange) -> {
		this.forwarded.set(exchange);
		return this.upstream;
	};

	@Test
	void runWhenEveryStageAnswersNowThenTheChainsOwnMonoIsReturned() {
		Pipeline pipeline = new Pipeline(List.of(stage("authenticate", (pass) -> {
			pass.authenticated(CALLER, new InboundCredential(CredentialKind.JWT, "t0k"), "X-API-Key");
			return Answer.passed();
		}), stage("upstream-token", (pass) -> {
			pass.upstreamToken("minted", true);
			return Answer.passed();
		})), this.responder);
		MockServerWebExchange exchange = exchange();

		Mono<Void> result = pipeline.run(new Pass(exchange, ROUTE, "orders"), this.chain);

		// The warm path wraps nothing around the rest of the chain: not one Reactor operator of ours.
		assertThat(result).isSameAs(this.upstream);
		assertThat(this.ran).containsExactly("authenticate", "upstream-token");
		HttpHeaders sent = this.forwarded.get().getRequest().getHeaders();
		assertThat(sent.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer minted");
		assertThat(sent.containsHeader("X-API-Key")).isFalse();
		assertThat(sent.containsHeader("DPoP")).isFalse();
		assertThat(sent.containsHeader(HttpHeaders.COOKIE)).isFalse();
		assertThat(sent.getFirst("X-Other")).isEqualTo("kept");
		assertThat((Object) exchange.getAttribute(TollgateAttributes.CALLER_IDENTITY)).isEqualTo(CALLER);
	}

	@Test
	void runWhenAStageMustWaitThenTheRestRunsOnceItAnswers() {
		Sinks.One<String> store = Sinks.one();
		Pipeline pipeline = new Pipeline(List.of(stage("rate-limit", (pass) -> Answer.later(store.asMono())),
				stage("upstream-token", (pass) -> Answer.passed())), this.responder);

		Mono<Void> result = pipeline.run(new Pass(exchange(), ROUTE, "orders"), this.chain);
		assertThat(this.ran).containsExactly("rate-limit");

		store.tryEmitValue("decided");
		result.block();

		assertThat(this.ran).containsExactly("rate-limit", "upstream-token");
		assertThat(this.forwarded.get()).isNotNull();
	}

	@Test
	void runWhenAStageRefusesThenLaterStagesDoNotRunAndTheRefusalIsAnswered() {
		Pipeline pipeline = new Pipeline(List.of(stage("authorize", (pass) -> {
			throw CallerFault.insufficientScope(List.of("orders:write"));
		}), stage("upstream-token", (pass) -> Answer.passed())), this.responder);
		MockServerWebExchange exchange = exchange();

		pipeline.run(new Pass(exchange, ROUTE, "orders"), this.chain).block();

		assertThat(this.ran).containsExactly("authorize");
		assertThat(this.forwarded.get()).isNull();
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(this.registry.get("tollgate.decisions").tag("stage", "authorize").tag("outcome", "rejected")
			.counter().count()).isEqualTo(1);
	}

	@Test
	void runWhenARefusalNamesAnotherStageThenItIsRecordedUnderThatStage() {
		Pipeline pipeline = new Pipeline(List.of(stage("authenticate",
				(pass) -> Answer.refused(CallerFault.missingCredential(), "edge"))), this.responder);

		pipeline.run(new Pass(exchange(), ROUTE, "orders"), this.chain).block();

		assertThat(this.registry.get("tollgate.decisions").tag("stage", "edge").counter().count()).isEqualTo(1);
	}

	@Test
	void runWhenAStageFailsUnexpectedlyThenServiceUnavailableAndNothingForwarded() {
		Pipeline pipeline = new Pipeline(List.of(stage("authenticate", (pass) -> {
			throw new IllegalStateException("a bug");
		})), this.responder);
		MockServerWebExchange exchange = exchange();

		pipeline.run(new Pass(exchange, ROUTE, "orders"), this.chain).block();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(this.forwarded.get()).isNull();
	}

	@Test
	void runWhenNoStageChangesTheRequestThenTheSameExchangeGoesOn() {
		Pipeline pipeline = new Pipeline(List.of(stage("authorize", (pass) -> Answer.passed())), this.responder);
		MockServerWebExchange exchange = exchange();

		pipeline.run(new Pass(exchange, ROUTE, "orders"), this.chain);

		assertThat(this.forwarded.get()).isSameAs(exchange);
	}

	private Stage stage(String name, java.util.function.Function<Pass, Answer<?>> decide) {
		return new Stage() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public Answer<?> apply(Pass pass) {
				PipelineTests.this.ran.add(name);
				return decide.apply(pass);
			}
		};
	}

	private static MockServerWebExchange exchange() {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/orders/1")
			.header(HttpHeaders.AUTHORIZATION, "Bearer t0k")
			.header("X-API-Key", "k")
			.header("DPoP", "proof")
			.header(HttpHeaders.COOKIE, "s=1")
			.header("X-Other", "kept"));
	}

}
