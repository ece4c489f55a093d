package dev.tollgate.filters.core;

import java.util.Arrays;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.Rejection;
import dev.tollgate.filters.core.Stage;

/**
 * Runs a route's stages in order on one {@link Pass}. While each stage answers now, the loop goes straight on: the
 * warm path subscribes to nothing until the request is handed to the rest of the chain. The first stage that must
 * wait continues the loop from its Mono; a refusal is answered through {@link Answers}, the one place errors are
 * rendered.
 */
public final class Pipeline {

	private final Stage[] stages;

	private final Answers responder;

	private final boolean concludes;

	public Pipeline(List<Stage> stages, Answers responder) {
		this(stages, responder, false);
	}

	/**
	 * @param concludes whether a request that passes every stage is reported as the request's final decision
	 * ({@link Answers#forwarded}): true for the whole pipeline, false for a stage used as a filter of its own
	 */
	public Pipeline(List<Stage> stages, Answers responder, boolean concludes) {
		this.stages = stages.toArray(Stage[]::new);
		this.responder = responder;
		this.concludes = concludes;
	}

	/** Names of the stages, in order. */
	public List<String> stageNames() {
		return Arrays.stream(this.stages).map(Stage::name).toList();
	}

	public Mono<Void> run(Pass pass, GatewayFilterChain chain) {
		return runFrom(0, pass, chain);
	}

	private Mono<Void> runFrom(int first, Pass pass, GatewayFilterChain chain) {
		String routeId = pass.routeId();
		for (int i = first; i < this.stages.length; i++) {
			Stage stage = this.stages[i];
			Answer<?> answer;
			try {
				answer = stage.apply(pass);
			}
			catch (Rejection refusal) {
				return this.responder.reject(pass.exchange(), routeId, stage.name(), refusal);
			}
			catch (RuntimeException bug) {
				return this.responder.decide(pass.exchange(), routeId, stage.name(), Mono.error(bug), (v) -> Mono.empty());
			}
			if (answer.isRefused()) {
				String name = (answer.refusingStage() != null) ? answer.refusingStage() : stage.name();
				return this.responder.reject(pass.exchange(), routeId, name, answer.refusal());
			}
			if (!answer.isReady()) {
				int next = i + 1;
				return this.responder.decide(pass.exchange(), routeId, stage.name(), answer.later(),
						(value) -> runFrom(next, pass, chain));
			}
		}
		if (this.concludes) {
			String last = (this.stages.length > 0) ? this.stages[this.stages.length - 1].name() : "none";
			this.responder.forwarded(pass.exchange(), routeId, last);
		}
		return chain.filter(pass.outbound());
	}

}
