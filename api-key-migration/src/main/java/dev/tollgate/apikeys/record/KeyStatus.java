package dev.tollgate.apikeys.record;

/** Whether a key may still be used at all; time-based expiry is separate ({@link ApiKeyRecord#expires()}). */
public enum KeyStatus {

	/** Usable until it expires. */
	ACTIVE,
	/** Withdrawn for good; every gateway instance refuses it within a second. */
	REVOKED

}
