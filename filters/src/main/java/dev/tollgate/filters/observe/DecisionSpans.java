package dev.tollgate.filters.observe;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.ContextView;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.core.TollgateAttributes;

/**
 * Spans of the gateway's decision, made only when tracing is switched on ({@code tollgate.tracing.enabled}): one
 * {@code tollgate.decision} span per request, from the first stage until the request goes upstream or is answered,
 * and under it one {@code tollgate.stage} span for each stage that had to wait for a dependency (JWKS fetch,
 * introspection, API-key lookup, Redis on a lease miss, token exchange). Each HTTP call to an identity provider or
 * STS is a {@code tollgate.dependency} span under the decision ({@link DependencyCallSpans}). A warm stage answers from its cache and gets no span: its microseconds are the decision
 * span's. Attributes are bounded ({@code tollgate.route}, {@code tollgate.stage}, {@code tollgate.outcome},
 * {@code tollgate.credential}) except {@code tollgate.client_id}, a high-cardinality span attribute only (never a
 * metric tag).
 */
public final class DecisionSpans {

	static final String DECISION = "tollgate.decision";

	static final String STAGE = "tollgate.stage";

	private static final String DECISION_ATTRIBUTE = DecisionSpans.class.getName() + ".decision";

	/**
	 * The innermost decision or stage span, in the Reactor context under a key of our own: a WebClient puts its own
	 * (often no-op) observation under {@link ObservationThreadLocalAccessor#KEY} before its filters run.
	 */
	static final String PARENT = DecisionSpans.class.getName() + ".parent";

	private final ObservationRegistry registry;

	public DecisionSpans(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Run {@code pipeline} inside a decision span. The span ends {@code allowed} when the pipeline hands the request
	 * on through the chain it was given, or {@code rejected} (with the answer's status) when it answers itself; the
	 * upstream call is not part of it and keeps the server span as its parent.
	 */
	public Mono<Void> decide(ServerWebExchange exchange, String routeId, GatewayFilterChain chain,
			Function<GatewayFilterChain, Mono<Void>> pipeline) {
		return Mono.deferContextual((context) -> {
			Observation parent = parent(exchange, context);
			Observation decision = Observation.createNotStarted(DECISION, this.registry)
				.contextualName("tollgate decision")
				.lowCardinalityKeyValue("tollgate.route", routeId)
				.parentObservation(parent)
				.start();
			exchange.getAttributes().put(DECISION_ATTRIBUTE, decision);
			String traceId = TraceIds.of(decision);
			if (traceId != null) {
				exchange.getAttributes().put(TollgateAttributes.TRACE_ID, traceId);
			}
			AtomicBoolean ended = new AtomicBoolean();
			// A refusal ends the span before its answer is committed: by the time the caller reads it, it is done.
			exchange.getResponse().beforeCommit(() -> {
				end(decision, ended, exchange, "rejected");
				return Mono.empty();
			});
			GatewayFilterChain onward = (outbound) -> {
				end(decision, ended, outbound, "allowed");
				Mono<Void> upstream = chain.filter(outbound);
				return (parent != null)
						? upstream.contextWrite((c) -> c.put(ObservationThreadLocalAccessor.KEY, parent).delete(PARENT))
						: upstream.contextWrite((c) -> c.delete(ObservationThreadLocalAccessor.KEY).delete(PARENT));
			};
			return pipeline.apply(onward)
				.doOnError(decision::error)
				.doFinally((signal) -> end(decision, ended, exchange,
						(signal == SignalType.CANCEL) ? "cancelled" : "rejected"))
				.contextWrite((c) -> c.put(ObservationThreadLocalAccessor.KEY, decision).put(PARENT, decision));
		});
	}

	/**
	 * {@code builder}, observed: each call to an identity provider or STS becomes an HTTP client span (no query, form
	 * or header values), nested under the stage span that waited for it.
	 */
	public WebClient.Builder observed(WebClient.Builder builder) {
		return builder.filter(new DependencyCallSpans(this.registry));
	}

	/** {@code stage}, with a span around every answer it must wait for. */
	public Stage traced(Stage stage, String routeId) {
		return new Stage() {
			@Override
			public String name() {
				return stage.name();
			}

			@Override
			public Answer<?> apply(Pass pass) {
				Observation decision = pass.exchange().getAttribute(DECISION_ATTRIBUTE);
				Answer<?> answer;
				// In scope, so calls a cache's loader starts for this stage find the decision as their parent.
				try (Observation.Scope scope = (decision != null) ? decision.openScope() : null) {
					answer = stage.apply(pass);
				}
				return (answer.isReady() || answer.isRefused()) ? answer : Answer.later(waited(answer, stage.name(), routeId));
			}
		};
	}

	private <T> Mono<T> waited(Answer<T> answer, String stageName, String routeId) {
		return Mono.deferContextual((context) -> {
			Observation span = Observation.createNotStarted(STAGE, this.registry)
				.contextualName("tollgate " + stageName)
				.lowCardinalityKeyValue("tollgate.stage", stageName)
				.lowCardinalityKeyValue("tollgate.route", routeId)
				.parentObservation(context.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			// Ended as the stage decides, before its answer travels on: doFinally would run only after a refusal
			// had been written to the caller, so the stage span could end after the decision it belongs to.
			return answer.later()
				.doOnSuccess((value) -> span.lowCardinalityKeyValue("tollgate.outcome", "decided").stop())
				.doOnError((error) -> span.lowCardinalityKeyValue("tollgate.outcome", "rejected").error(error).stop())
				.doOnCancel(span::stop)
				.contextWrite((c) -> c.put(ObservationThreadLocalAccessor.KEY, span).put(PARENT, span));
		});
	}

	private static void end(Observation decision, AtomicBoolean ended, ServerWebExchange exchange, String outcome) {
		if (!ended.compareAndSet(false, true)) {
			return;
		}
		// The same low-cardinality keys on every span: they are also the decision timer's tags.
		decision.lowCardinalityKeyValue("tollgate.outcome", outcome);
		CallerIdentity caller = exchange.getAttribute(TollgateAttributes.CALLER_IDENTITY);
		decision.lowCardinalityKeyValue("tollgate.credential", (caller != null) ? caller.kind().tag() : "none");
		if (caller != null) {
			decision.highCardinalityKeyValue("tollgate.client_id", caller.clientId());
		}
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		if (!"allowed".equals(outcome) && status != null) {
			decision.highCardinalityKeyValue("http.response.status_code", Integer.toString(status.value()));
		}
		decision.stop();
	}

	/** The server span the request arrived in, as Spring Cloud Gateway's own client span finds it. */
	private static Observation parent(ServerWebExchange exchange, ContextView context) {
		Observation current = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		if (current != null) {
			return current;
		}
		ContextView gateway = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REACTOR_CONTEXT_ATTR);
		return (gateway != null) ? gateway.getOrDefault(ObservationThreadLocalAccessor.KEY, null) : null;
	}

}
