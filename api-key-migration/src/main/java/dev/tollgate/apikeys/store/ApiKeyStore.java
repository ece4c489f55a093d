package dev.tollgate.apikeys.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import dev.tollgate.apikeys.record.ApiKeyRecord;

/**
 * Where key records live. A narrow async port: the in-memory and the Redis store, and the cache in front of either,
 * pass the same contract tests ({@code ApiKeyStoreContract}), and the rest of the module never sees a client
 * library. Failures surface as a failed stage; a caller on the request path turns them into a 503, never an allow.
 */
public interface ApiKeyStore {

	/** The record whose {@link ApiKeyRecord#hash()} is {@code hash}: the request path's only lookup. */
	CompletionStage<Optional<ApiKeyRecord>> findByHash(String hash);

	CompletionStage<Optional<ApiKeyRecord>> findById(String keyId);

	/** Every record, in no particular order. For administration and reports, not the request path. */
	CompletionStage<List<ApiKeyRecord>> list();

	/**
	 * Inserts a record, or replaces the one with the same key id. The hash of a key id never changes, and two key
	 * ids never share a hash: both fail the stage with {@link KeyConflictException}. The stored
	 * {@link ApiKeyRecord#lastUsed()} is kept when it is later than the saved one.
	 */
	CompletionStage<Void> save(ApiKeyRecord record);

	/** Removes the record; completes with {@code false} when there was none. */
	CompletionStage<Boolean> delete(String keyId);

	/** Moves each key's last use forward (never back); ids without a record are ignored. */
	CompletionStage<Void> recordLastUse(Map<String, Instant> lastUseByKeyId);

}
