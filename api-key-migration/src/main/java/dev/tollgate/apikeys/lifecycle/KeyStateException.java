package dev.tollgate.apikeys.lifecycle;

/** An administrative operation on a key that does not exist or is in the wrong state for it. */
public final class KeyStateException extends RuntimeException {

	public KeyStateException(String message) {
		super(message, null, false, false);
	}

}
