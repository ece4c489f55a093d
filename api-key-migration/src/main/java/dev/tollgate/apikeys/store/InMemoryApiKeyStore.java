package dev.tollgate.apikeys.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tollgate.apikeys.record.ApiKeyRecord;

/** The single-instance store (demo, tests, the CLI working on an export file). Operations are tiny and locked. */
public final class InMemoryApiKeyStore implements ApiKeyStore {

	private final Map<String, ApiKeyRecord> byId = new HashMap<>();

	private final Map<String, String> idByHash = new HashMap<>();

	@Override
	public synchronized CompletionStage<Optional<ApiKeyRecord>> findByHash(String hash) {
		String id = this.idByHash.get(hash);
		return done(Optional.ofNullable((id != null) ? this.byId.get(id) : null));
	}

	@Override
	public synchronized CompletionStage<Optional<ApiKeyRecord>> findById(String keyId) {
		return done(Optional.ofNullable(this.byId.get(keyId)));
	}

	@Override
	public synchronized CompletionStage<List<ApiKeyRecord>> list() {
		return done(List.copyOf(new ArrayList<>(this.byId.values())));
	}

	@Override
	public synchronized CompletionStage<Void> save(ApiKeyRecord record) {
		ApiKeyRecord existing = this.byId.get(record.keyId());
		if (existing != null && !existing.hash().equals(record.hash())) {
			return CompletableFuture.failedFuture(new KeyConflictException("the hash of key " + record.keyId()
					+ " cannot change"));
		}
		String owner = this.idByHash.get(record.hash());
		if (owner != null && !owner.equals(record.keyId())) {
			return CompletableFuture.failedFuture(new KeyConflictException("another key has the same hash"));
		}
		ApiKeyRecord toStore = (existing != null) ? record.withLastUsed(existing.lastUsed()) : record;
		this.byId.put(record.keyId(), toStore);
		this.idByHash.put(record.hash(), record.keyId());
		return done(null);
	}

	@Override
	public synchronized CompletionStage<Boolean> delete(String keyId) {
		ApiKeyRecord removed = this.byId.remove(keyId);
		if (removed != null) {
			this.idByHash.remove(removed.hash());
		}
		return done(removed != null);
	}

	@Override
	public synchronized CompletionStage<Void> recordLastUse(Map<String, Instant> lastUseByKeyId) {
		lastUseByKeyId.forEach((id, when) -> this.byId.computeIfPresent(id, (k, r) -> r.withLastUsed(when)));
		return done(null);
	}

	private static <T> CompletionStage<T> done(T value) {
		return CompletableFuture.completedFuture(value);
	}

}
