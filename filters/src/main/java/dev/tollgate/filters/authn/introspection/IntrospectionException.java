package dev.tollgate.filters.authn.introspection;

/**
 * The introspection endpoint could not give an answer: {@code timeout}, {@code io}, {@code http_status} or
 * {@code malformed_response}. Becomes a 503; never an allow, never a 401.
 */
public final class IntrospectionException extends RuntimeException {

	private final String reason;

	public IntrospectionException(String reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

	static String reasonOf(Throwable ex) {
		if (ex instanceof IntrospectionException introspection) {
			return introspection.reason();
		}
		return (ex instanceof java.util.concurrent.TimeoutException) ? "timeout" : "io";
	}

}
