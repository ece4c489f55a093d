package dev.tollgate.filters.errors;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.JsonRpcError;
import dev.tollgate.filters.core.Rejection;

/**
 * Renders a refusal on a JSON-RPC route as a JSON-RPC 2.0 error response (JSON-RPC 2.0 §5, §5.1): {@code id} of
 * the refused request (or {@code null}), the code and message of the {@link JsonRpcError}, and in {@code data} the
 * same fixed, secret-free facts a problem document carries, plus {@code scope} and {@code resource_metadata} of an
 * {@code insufficient_scope} refusal so a client that only reads JSON-RPC can still step up.
 */
public final class JsonRpcErrors {

	private JsonRpcErrors() {
	}

	/** Whether the exchange's JSON-RPC error answers with its own status (e.g. 200) rather than the refusal's. */
	static boolean replacesStatus(ServerWebExchange exchange) {
		JsonRpcError rpc = exchange.getAttribute(JsonRpcError.ATTRIBUTE);
		return rpc != null && rpc.status() != 0;
	}

	static Mono<Void> write(ServerHttpResponse response, Rejection rejection, JsonRpcError rpc,
			String resourceMetadataUrl, String correlationId) {
		if (rpc.status() != 0) {
			response.setStatusCode(HttpStatusCode.valueOf(rpc.status()));
		}
		response.getHeaders().set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
		byte[] body = render(rejection, rpc, resourceMetadataUrl, correlationId).getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	/** The JSON-RPC error response; only fixed strings and configuration-derived values go into it. */
	public static String render(Rejection rejection, JsonRpcError rpc, String resourceMetadataUrl,
			String correlationId) {
		StringBuilder sb = new StringBuilder(256).append("{\"jsonrpc\":\"2.0\",\"id\":")
			.append((rpc.idJson() != null) ? rpc.idJson() : "null")
			.append(",\"error\":{\"code\":")
			.append(rpc.code())
			.append(',');
		field(sb, "message", rpc.message()).append(",\"data\":{");
		field(sb, "reason", rejection.reason()).append(',');
		field(sb, "detail", rejection.description());
		sb.append(",\"status\":").append(rejection.status().value());
		if (rejection instanceof CallerFault fault && !fault.scopes().isEmpty()) {
			field(sb.append(','), "scope", String.join(" ", fault.scopes()));
			if (resourceMetadataUrl != null) {
				field(sb.append(','), "resource_metadata", resourceMetadataUrl);
			}
		}
		String retryAfter = rejection.headers().get(HttpHeaders.RETRY_AFTER);
		if (retryAfter != null) {
			field(sb.append(','), "retry_after", retryAfter);
		}
		if (correlationId != null) {
			field(sb.append(','), "correlation_id", correlationId);
		}
		return sb.append("}}}").toString();
	}

	private static StringBuilder field(StringBuilder sb, String name, String value) {
		sb.append('"').append(name).append("\":\"");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> sb.append("\\\"");
				case '\\' -> sb.append("\\\\");
				default -> {
					if (c < 0x20 || c == 0x7f) {
						sb.append(String.format("\\u%04x", (int) c));
					}
					else {
						sb.append(c);
					}
				}
			}
		}
		return sb.append('"');
	}

}
