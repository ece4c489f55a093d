package dev.tollgate.apikeys.store;

class InMemoryApiKeyStoreTest extends ApiKeyStoreContract {

	@Override
	protected ApiKeyStore newStore() {
		return new InMemoryApiKeyStore();
	}

}
