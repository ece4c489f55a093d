package dev.tollgate.filters.core;

import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * The one place a stage's refusal becomes the caller's answer (status, challenge, problem body, decision record),
 * and where a decision that must wait is awaited. Implemented by the errors package's {@code ErrorResponder}.
 */
public interface Answers {

	/** Answer the exchange with the refusal and record it under {@code stage}. */
	Mono<Void> reject(ServerWebExchange exchange, String routeId, String stage, Rejection rejection);

	/**
	 * Wait for a decision: a value continues with {@code onDecided}; a {@link Rejection} is answered; anything else
	 * (a bug, an empty decision) fails closed as 503.
	 */
	<T> Mono<Void> decide(ServerWebExchange exchange, String routeId, String stage, Mono<T> decision,
			Function<T, Mono<Void>> onDecided);

	/**
	 * The whole pipeline let the request through, {@code stage} last: the request's final decision (for the audit
	 * trail). Called only by a pipeline that {@linkplain Pipeline#Pipeline(java.util.List, Answers, boolean) concludes}.
	 */
	default void forwarded(ServerWebExchange exchange, String routeId, String stage) {
	}

}
