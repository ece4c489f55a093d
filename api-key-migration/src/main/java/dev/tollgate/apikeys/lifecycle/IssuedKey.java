package dev.tollgate.apikeys.lifecycle;

import dev.tollgate.apikeys.record.ApiKeyRecord;

/**
 * A freshly issued key: the only moment the key exists outside its caller. Show it once, never log it.
 *
 * @param key the key to hand to its owner
 * @param record what the store keeps (its hash only)
 */
public record IssuedKey(String key, ApiKeyRecord record) {

	@Override
	public String toString() {
		return "IssuedKey[keyId=" + this.record.keyId() + ", key=<shown once>]";
	}

}
