package dev.tollgate.apikeys.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import dev.tollgate.apikeys.record.ApiKeyRecord;

/** Test helper: a store that forwards everything, so a test overrides one method. */
public class DelegatingStore implements ApiKeyStore {

	private final ApiKeyStore delegate;

	public DelegatingStore(ApiKeyStore delegate) {
		this.delegate = delegate;
	}

	@Override
	public CompletionStage<Optional<ApiKeyRecord>> findByHash(String hash) {
		return this.delegate.findByHash(hash);
	}

	@Override
	public CompletionStage<Optional<ApiKeyRecord>> findById(String keyId) {
		return this.delegate.findById(keyId);
	}

	@Override
	public CompletionStage<List<ApiKeyRecord>> list() {
		return this.delegate.list();
	}

	@Override
	public CompletionStage<Void> save(ApiKeyRecord record) {
		return this.delegate.save(record);
	}

	@Override
	public CompletionStage<Boolean> delete(String keyId) {
		return this.delegate.delete(keyId);
	}

	@Override
	public CompletionStage<Void> recordLastUse(Map<String, Instant> lastUseByKeyId) {
		return this.delegate.recordLastUse(lastUseByKeyId);
	}

}
