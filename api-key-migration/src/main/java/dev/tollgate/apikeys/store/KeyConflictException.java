package dev.tollgate.apikeys.store;

/** A save that would give a key id a second hash, or a hash a second key id. */
public final class KeyConflictException extends RuntimeException {

	public KeyConflictException(String message) {
		super(message, null, false, false);
	}

}
