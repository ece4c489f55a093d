package dev.tollgate.filters.authn.jwks;

/**
 * A failed key-set fetch or discovery, with a bounded reason tag for metrics ({@code timeout}, {@code io},
 * {@code http_status}, {@code malformed}, {@code no_usable_keys}, {@code discovery}). No stack trace: it is an
 * expected outcome, logged as one line.
 */
public final class JwksFetchException extends RuntimeException {

	private final String reason;

	public JwksFetchException(String reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

	/** The bounded reason of any failure of a fetch pipeline. */
	static String reasonOf(Throwable ex) {
		if (ex instanceof JwksFetchException fetch) {
			return fetch.reason();
		}
		if (ex instanceof java.util.concurrent.TimeoutException) {
			return "timeout";
		}
		return "io";
	}

}
