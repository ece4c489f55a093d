package dev.tollgate.filters.core;

import java.util.Objects;

/**
 * How a refusal is answered on a route that speaks JSON-RPC (an MCP route): as a JSON-RPC 2.0 error object
 * (JSON-RPC 2.0 §5.1) instead of an RFC 9457 problem document. A stage that parsed the request puts one into the
 * exchange attributes under {@link #ATTRIBUTE} before it refuses; the errors package renders it, with the refusal's
 * status unless {@code status} overrides it.
 *
 * @param idJson the request's {@code id} as JSON text ({@code 1}, {@code "abc"}), or {@code null} to answer
 * {@code "id": null} (a parse error, a batch, an unknown id)
 * @param code the JSON-RPC error code, e.g. {@link #PARSE_ERROR}
 * @param message a fixed, secret-free short message
 * @param status HTTP status to answer with instead of the refusal's, or {@code 0} to keep the refusal's (e.g. 200
 * for operators who want denials as JSON-RPC errors only)
 */
public record JsonRpcError(String idJson, int code, String message, int status) {

	/** Exchange attribute holding the {@link JsonRpcError} of a refused JSON-RPC request. */
	public static final String ATTRIBUTE = "tollgate.jsonRpcError";

	/** Invalid JSON was received (JSON-RPC 2.0 §5.1). */
	public static final int PARSE_ERROR = -32700;

	/** The JSON sent is not a valid request object (JSON-RPC 2.0 §5.1). */
	public static final int INVALID_REQUEST = -32600;

	/**
	 * A valid request the gateway refuses (scope, policy, rate limit): an implementation-defined server error
	 * (JSON-RPC 2.0 §5.1 reserves -32000 to -32099 for these).
	 */
	public static final int REFUSED = -32001;

	public JsonRpcError {
		Objects.requireNonNull(message, "message");
	}

}
