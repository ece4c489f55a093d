package dev.tollgate.filters.errors;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.config.PublicBaseUrl;
import dev.tollgate.filters.core.Answers;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.core.JsonRpcError;
import dev.tollgate.filters.core.Rejection;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.filters.core.TollgateAttributes;
import dev.tollgate.filters.observe.DecisionRecorder;

/**
 * Turns a {@link Rejection} into the answer a caller can act on: status, {@code WWW-Authenticate} for
 * authentication faults (with RFC 9728 {@code resource_metadata}), extra headers and an RFC 9457 body. Also
 * records the decision. Every stage answers through this one class.
 */
public final class ErrorResponder implements Answers {

	/** Route tag of decisions taken before any route was chosen (the edge firewall). */
	public static final String NO_ROUTE = "-";

	private static final Logger log = LoggerFactory.getLogger(ErrorResponder.class);

	private final DecisionRecorder recorder;

	private final String realm;

	private final PublicBaseUrl publicBaseUrl;

	/**
	 * @param publicBaseUrl the gateway's externally visible base URL ({@value PublicBaseUrl#PROPERTY}), or
	 * {@code null} when no route authenticates; challenges then carry no {@code resource_metadata}. It is never
	 * derived from the request.
	 */
	public ErrorResponder(DecisionRecorder recorder, String realm, PublicBaseUrl publicBaseUrl) {
		this.recorder = recorder;
		this.realm = realm;
		this.publicBaseUrl = publicBaseUrl;
	}

	/**
	 * Waits for a stage's decision: a value continues with {@code onDecided}; a {@link Rejection} is answered here.
	 * Anything else (a bug, an unexpected library failure, an empty decision) fails closed as 503, without echoing
	 * its message, which may quote caller input.
	 */
	@Override
	@SuppressWarnings("unchecked")
	public <T> Mono<Void> decide(ServerWebExchange exchange, String routeId, String stage, Mono<T> decision,
			Function<T, Mono<Void>> onDecided) {
		return decision.<Object>map(value -> value)
			.switchIfEmpty(Mono.fromSupplier(() -> unexpected(stage, "empty decision")))
			.onErrorResume(ex -> Mono.just((ex instanceof Rejection rejection) ? rejection
					: unexpected(stage, ex.getClass().getName())))
			.flatMap(outcome -> (outcome instanceof Rejection rejection) ? reject(exchange, routeId, stage, rejection)
					: onDecided.apply((T) outcome));
	}

	private static Rejection unexpected(String stage, String what) {
		log.error("stage {} failed unexpectedly: {}", stage, what);
		return new DependencyFailure("gateway", "internal_error", Duration.ofSeconds(1));
	}

	/**
	 * Answer the exchange with the rejection and record it under {@code stage}.
	 * @param routeId the route, or {@code null} before routing (recorded as {@link #NO_ROUTE}, left out of the body)
	 */
	@Override
	public Mono<Void> reject(ServerWebExchange exchange, String routeId, String stage, Rejection rejection) {
		String outcome = (rejection instanceof DependencyFailure) ? "failed" : "rejected";
		this.recorder.record(exchange, (routeId != null) ? routeId : NO_ROUTE, stage, outcome, rejection.reason());
		if (routeId != null) {
			this.recorder.concluded(exchange, routeId, stage, outcome, rejection.reason(), rejection.status().value());
		}
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(rejection.status());
		HttpHeaders headers = response.getHeaders();
		if (challenges(rejection) && !JsonRpcErrors.replacesStatus(exchange)) {
			headers.set(HttpHeaders.WWW_AUTHENTICATE,
					WwwAuthenticate.bearer(this.realm, (CallerFault) rejection, resourceMetadataUrl(exchange)));
			// RFC 9449 §7.1: a route that takes DPoP-bound tokens also offers the DPoP scheme, unless the
			// rejection brings its own DPoP challenge (with an error code).
			String dpop = exchange.getAttribute(TollgateAttributes.DPOP_CHALLENGE);
			if (dpop != null && rejection.status() == HttpStatus.UNAUTHORIZED
					&& !rejection.headers().containsKey(HttpHeaders.WWW_AUTHENTICATE)) {
				headers.add(HttpHeaders.WWW_AUTHENTICATE, dpop);
			}
		}
		for (Map.Entry<String, String> header : rejection.headers().entrySet()) {
			if (HttpHeaders.WWW_AUTHENTICATE.equals(header.getKey())) {
				headers.add(header.getKey(), header.getValue());
			}
			else {
				headers.set(header.getKey(), header.getValue());
			}
		}
		headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
		JsonRpcError rpc = exchange.getAttribute(JsonRpcError.ATTRIBUTE);
		if (rpc != null) {
			return JsonRpcErrors.write(response, rejection, rpc, resourceMetadataUrl(exchange),
					DecisionRecorder.correlationId(exchange));
		}
		headers.set(HttpHeaders.CONTENT_TYPE, ProblemDocument.MEDIA_TYPE);
		byte[] body = ProblemDocument.render(rejection, routeId, DecisionRecorder.correlationId(exchange))
			.getBytes(StandardCharsets.UTF_8);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

	@Override
	public void forwarded(ServerWebExchange exchange, String routeId, String stage) {
		this.recorder.concluded(exchange, routeId, stage, "allowed", "forwarded", 0);
	}

	/**
	 * A challenge goes with every 401 and with every fault carrying an RFC 6750 error code (400 invalid_request, 403
	 * insufficient_scope); not with a plain 403 denial or a 405, which no credential would change.
	 */
	private static boolean challenges(Rejection rejection) {
		return rejection instanceof CallerFault fault
				&& (fault.status() == HttpStatus.UNAUTHORIZED || fault.error() != null);
	}

	/**
	 * Absolute URL of the route's RFC 9728 metadata, from configuration only; {@code null} when the route is unknown
	 * or no public base URL is configured. Nothing of the request (Host, forwarded headers, an absolute-form target)
	 * goes into it.
	 */
	public String resourceMetadataUrl(ServerWebExchange exchange) {
		RouteSecurity route = exchange.getAttribute(TollgateAttributes.ROUTE_SECURITY);
		if (route == null || this.publicBaseUrl == null) {
			return null;
		}
		return this.publicBaseUrl.resolve(route.metadataPath());
	}

	/** The configured public base URL ({@value PublicBaseUrl#PROPERTY}), or {@code null}. */
	public PublicBaseUrl publicBaseUrl() {
		return this.publicBaseUrl;
	}

}
