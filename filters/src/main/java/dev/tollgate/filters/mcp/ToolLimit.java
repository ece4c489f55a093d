package dev.tollgate.filters.mcp;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.Stage;

/**
 * A tool rule's rate limit: the pipeline's own rate-limit stage (leases, store failure policy, headers, 429) with
 * its bucket keyed by {@code <route>#tool:<rule name>} and the caller's client id, so each rule has one bucket per
 * client, apart from the route's.
 *
 * @param key the bucket's route part, also the {@code route} tag of its rate-limit metrics (bounded by
 * configuration)
 * @param stage the rate-limit stage built for the rule's policy and cost
 */
record ToolLimit(String key, Stage stage) {

	static String key(String routeId, ToolRule rule) {
		return routeId + "#tool:" + rule.name();
	}

	/** Spend one call; a refusal or a store failure is an error signal carrying the rejection. */
	Mono<Boolean> spend(ServerWebExchange exchange) {
		Answer<?> answer = this.stage.apply(new Pass(exchange, null, this.key));
		return answer.toMono().thenReturn(Boolean.TRUE);
	}

}
