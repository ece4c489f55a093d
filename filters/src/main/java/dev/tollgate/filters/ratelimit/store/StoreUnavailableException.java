package dev.tollgate.filters.ratelimit.store;

/** The bucket backend cannot be reached right now; the caller applies the configured failure policy. */
public final class StoreUnavailableException extends RuntimeException {

	public StoreUnavailableException(String message) {
		super(message, null, false, false);
	}

}
