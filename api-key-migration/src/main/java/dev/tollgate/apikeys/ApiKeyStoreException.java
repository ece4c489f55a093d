package dev.tollgate.apikeys;

/**
 * The key store could not answer (down, timed out). The request path turns this into a 503, never an allow.
 * The message is a bounded tag ({@code timeout}, {@code unavailable}), never a key.
 */
public final class ApiKeyStoreException extends RuntimeException {

	public ApiKeyStoreException(String reason, Throwable cause) {
		super(reason, cause, false, false);
	}

	/** Bounded reason tag for metrics. */
	public String reason() {
		return getMessage();
	}

}
