package dev.tollgate.apikeys.store;

import java.time.Duration;

/**
 * The store contract for the lookup cache over in-memory records, announced on the single-instance bus. The cache's
 * clock stands still, so only announced changes refresh a lookup, never its TTL.
 */
class CachingOverInMemoryApiKeyStoreTest extends ApiKeyStoreContract {

	@Override
	protected ApiKeyStore newStore() {
		return new CachingApiKeyStore(new InMemoryApiKeyStore(), new LocalKeyChangeBus(), Duration.ofMinutes(5), 100,
				() -> 0L);
	}

	@Override
	protected boolean hashLookupSeesLastUseAtOnce() {
		return false;
	}

}
