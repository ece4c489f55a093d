package dev.tollgate.filters.observe;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * One {@code tollgate.dependency} span per call to an identity provider or STS (JWKS, metadata, introspection, token
 * exchange), under the decision span of the request that made the call. Those calls are shared between concurrent
 * requests and started from a cache's loader, outside the request's Reactor context, so the parent is the
 * decision or stage span in the Reactor context of the request that started the call (a JWKS fetch runs in it), else
 * the observation in scope on the calling thread (the decision's, opened around each stage).
 * Attributes: method, host and path; never the query, a header or the form (client secrets, tokens).
 */
final class DependencyCallSpans implements ExchangeFilterFunction {

	static final String NAME = "tollgate.dependency";

	private final ObservationRegistry registry;

	DependencyCallSpans(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.deferContextual((context) -> {
			Observation parent = context.getOrDefault(DecisionSpans.PARENT, null);
			if (parent == null) {
				parent = this.registry.getCurrentObservation();
			}
			String method = request.method().name();
			String host = String.valueOf(request.url().getHost());
			Observation span = Observation.createNotStarted(NAME, this.registry)
				.contextualName("tollgate " + method + " " + host)
				.lowCardinalityKeyValue("http.request.method", method)
				.lowCardinalityKeyValue("server.address", host)
				.highCardinalityKeyValue("url.path", String.valueOf(request.url().getRawPath()))
				.parentObservation(parent)
				.start();
			return next.exchange(request)
				.doOnNext((response) -> span.highCardinalityKeyValue("http.response.status_code",
						Integer.toString(response.statusCode().value())))
				.doOnError(span::error)
				.doFinally((signal) -> span.stop());
		});
	}

}
