package dev.tollgate.filters.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * The caller's fault: a missing, malformed or unacceptable credential or request (RFC 6750 §3.1). Answered with
 * 400, 401 or 403 and a {@code WWW-Authenticate} challenge.
 */
public final class CallerFault extends Rejection {

	private final HttpStatus status;

	private final BearerError error;

	private final List<String> scopes;

	private final String policy;

	private CallerFault(HttpStatus status, BearerError error, String reason, String description, List<String> scopes,
			Map<String, String> headers) {
		this(status, error, reason, description, scopes, headers, null);
	}

	private CallerFault(HttpStatus status, BearerError error, String reason, String description, List<String> scopes,
			Map<String, String> headers, String policy) {
		super(reason, description, headers);
		this.status = status;
		this.error = error;
		this.scopes = List.copyOf(scopes);
		this.policy = policy;
	}

	/**
	 * A caller the route's policy denies (or could not decide for): 403 {@code policy_denied}, naming the policy but
	 * never its expression. Kept apart from {@code insufficient_scope}: no bearer error code, no challenge, since no
	 * other token scope would change the answer.
	 */
	public static CallerFault policyDenied(String policy) {
		return new CallerFault(HttpStatus.FORBIDDEN, null, "policy_denied",
				"The route's policy '" + policy + "' denies this request.", List.of(), Map.of(), policy);
	}

	/** No credential at all: 401 with a challenge but no error code (RFC 6750 §3.1). */
	public static CallerFault missingCredential() {
		return new CallerFault(HttpStatus.UNAUTHORIZED, null, "missing_credential",
				"This resource requires authentication.", List.of(), Map.of());
	}

	/** A credential that is malformed, expired, revoked, for another audience or otherwise not valid here: 401. */
	public static CallerFault invalidToken(String reason, String description) {
		return invalidToken(reason, description, Map.of());
	}

	/** As {@link #invalidToken(String, String)}, with extra response headers (e.g. deprecation links). */
	public static CallerFault invalidToken(String reason, String description, Map<String, String> headers) {
		return new CallerFault(HttpStatus.UNAUTHORIZED, BearerError.INVALID_TOKEN, reason, description, List.of(),
				headers);
	}

	/** A valid credential for this route that lacks required scopes: 403 with {@code scope=} (RFC 6750 §3.1). */
	public static CallerFault insufficientScope(Collection<String> requiredScopes) {
		return new CallerFault(HttpStatus.FORBIDDEN, BearerError.INSUFFICIENT_SCOPE, "insufficient_scope",
				"The credential lacks a scope this route requires.", List.copyOf(requiredScopes), Map.of());
	}

	/** A malformed request, e.g. two credentials or a key in the query string: 400 (RFC 6750 §3.1). */
	public static CallerFault invalidRequest(String reason, String description) {
		return new CallerFault(HttpStatus.BAD_REQUEST, BearerError.INVALID_REQUEST, reason, description, List.of(),
				Map.of());
	}

	/** A valid caller denied by policy (e.g. an STS refusing an exchange): 403 without a bearer error code. */
	public static CallerFault forbidden(String reason, String description) {
		return new CallerFault(HttpStatus.FORBIDDEN, null, reason, description, List.of(), Map.of());
	}

	/**
	 * A malformed request body (e.g. JSON-RPC that does not parse): 400 without a bearer challenge, since no
	 * credential would change the answer.
	 */
	public static CallerFault badRequest(String reason, String description) {
		return new CallerFault(HttpStatus.BAD_REQUEST, null, reason, description, List.of(), Map.of());
	}

	/** A request body over the route's size limit: 413 (RFC 9110 §15.5.14), without a bearer challenge. */
	public static CallerFault contentTooLarge(String reason, String description) {
		return new CallerFault(HttpStatus.CONTENT_TOO_LARGE, null, reason, description, List.of(), Map.of());
	}

	/** Something the request names does not exist for this caller (e.g. an MCP session): 404, no challenge. */
	public static CallerFault notFound(String reason, String description) {
		return new CallerFault(HttpStatus.NOT_FOUND, null, reason, description, List.of(), Map.of());
	}

	/**
	 * As {@link #insufficientScope(Collection)} with a reason and description of the caller's choosing (e.g. a
	 * per-tool scope on an MCP route).
	 */
	public static CallerFault insufficientScope(Collection<String> requiredScopes, String reason,
			String description) {
		return new CallerFault(HttpStatus.FORBIDDEN, BearerError.INSUFFICIENT_SCOPE, reason, description,
				List.copyOf(requiredScopes), Map.of());
	}

	/**
	 * A method the route does not serve on a path it does serve: 405 with the {@code Allow} header RFC 9110 §15.5.6
	 * requires, listing the methods that are served there.
	 */
	public static CallerFault methodNotAllowed(Collection<String> allowedMethods) {
		return new CallerFault(HttpStatus.METHOD_NOT_ALLOWED, null, "method_not_allowed",
				"The route does not serve this method on this path; see the Allow header.", List.of(),
				Map.of("Allow", String.join(", ", allowedMethods)));
	}

	@Override
	public HttpStatus status() {
		return this.status;
	}

	/** The name of the policy that denied the request, or {@code null}. */
	public String policy() {
		return this.policy;
	}

	/** The RFC 6750 error code, or {@code null} when the challenge carries none. */
	public BearerError error() {
		return this.error;
	}

	/** The scopes to name in the challenge's {@code scope} parameter. */
	public List<String> scopes() {
		return this.scopes;
	}

	/** RFC 6750 §3.1 error codes. */
	public enum BearerError {

		INVALID_REQUEST("invalid_request"), INVALID_TOKEN("invalid_token"), INSUFFICIENT_SCOPE("insufficient_scope");

		private final String code;

		BearerError(String code) {
			this.code = code;
		}

		public String code() {
			return this.code;
		}

	}

}
