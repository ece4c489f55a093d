package dev.tollgate.filters.errors;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.RouteSecurity;
import dev.tollgate.filters.TollgateAttributes;
import dev.tollgate.filters.observe.DecisionRecorder;

/**
 * Turns a {@link Rejection} into the answer a caller can act on: status, {@code WWW-Authenticate} for
 * authentication faults (with RFC 9728 {@code resource_metadata}), extra headers and an RFC 9457 body. Also
 * records the decision. Every stage answers through this one class.
 */
public final class ErrorResponder {

	private final DecisionRecorder recorder;

	private final String realm;

	private final String publicBaseUrl;

	/**
	 * @param publicBaseUrl the gateway's externally visible base URL (e.g. {@code https://gw.example.com}), or
	 * {@code null} to derive it from the request
	 */
	public ErrorResponder(DecisionRecorder recorder, String realm, String publicBaseUrl) {
		this.recorder = recorder;
		this.realm = realm;
		this.publicBaseUrl = (publicBaseUrl != null && publicBaseUrl.endsWith("/"))
				? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
	}

	/** Answer the exchange with the rejection and record it under {@code stage}. */
	public Mono<Void> reject(ServerWebExchange exchange, String routeId, String stage, Rejection rejection) {
		String outcome = (rejection instanceof DependencyFailure) ? "failed" : "rejected";
		this.recorder.record(exchange, routeId, stage, outcome, rejection.reason());
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(rejection.status());
		HttpHeaders headers = response.getHeaders();
		if (rejection instanceof CallerFault fault && fault.status() != HttpStatus.FORBIDDEN || isScopeFault(rejection)) {
			headers.set(HttpHeaders.WWW_AUTHENTICATE,
					WwwAuthenticate.bearer(this.realm, (CallerFault) rejection, resourceMetadataUrl(exchange)));
		}
		for (Map.Entry<String, String> header : rejection.headers().entrySet()) {
			headers.set(header.getKey(), header.getValue());
		}
		headers.set(HttpHeaders.CONTENT_TYPE, ProblemDocument.MEDIA_TYPE);
		headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
		byte[] body = ProblemDocument.render(rejection, routeId, DecisionRecorder.correlationId(exchange))
			.getBytes(StandardCharsets.UTF_8);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

	private static boolean isScopeFault(Rejection rejection) {
		return rejection instanceof CallerFault fault && fault.error() == CallerFault.BearerError.INSUFFICIENT_SCOPE;
	}

	/** Absolute URL of the route's RFC 9728 metadata, or {@code null} when the route is unknown. */
	public String resourceMetadataUrl(ServerWebExchange exchange) {
		RouteSecurity route = exchange.getAttribute(TollgateAttributes.ROUTE_SECURITY);
		if (route == null) {
			return null;
		}
		return baseUrl(exchange) + route.metadataPath();
	}

	/** The gateway's base URL as callers see it. */
	public String baseUrl(ServerWebExchange exchange) {
		if (this.publicBaseUrl != null) {
			return this.publicBaseUrl;
		}
		var uri = exchange.getRequest().getURI();
		String port = (uri.getPort() == -1) ? "" : ":" + uri.getPort();
		return uri.getScheme() + "://" + uri.getHost() + port;
	}

}
