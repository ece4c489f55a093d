package dev.tollgate.filters.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.reactive.function.client.WebClient;

import dev.tollgate.filters.observe.DecisionSpans;

/**
 * The WebClient builder for the pipeline's dependencies (JWKS, introspection, token exchange): the application's
 * own if it has one, else a plain one; observed only when tracing is on, so that with tracing off these calls cost
 * what they did before.
 */
final class DependencyWebClients {

	private DependencyWebClients() {
	}

	static WebClient.Builder builder(ObjectProvider<WebClient.Builder> builders, ObjectProvider<DecisionSpans> spans) {
		WebClient.Builder builder = builders.getIfAvailable(WebClient::builder);
		DecisionSpans tracing = spans.getIfAvailable();
		return (tracing != null) ? tracing.observed(builder) : builder;
	}

}
