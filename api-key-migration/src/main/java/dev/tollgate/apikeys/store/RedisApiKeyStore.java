package dev.tollgate.apikeys.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.redis.RedisCommandsSource;

/**
 * Key records in Redis through Lettuce's async API (standalone, Sentinel or Cluster: it only needs the commands
 * every topology has). Layout, with {@code prefix} defaulting to {@code tollgate}:
 * <ul>
 * <li>{@code prefix:apikey:{<sha256>}}: hash with field {@code record} (the {@link RecordJson} document) and
 * field {@code last_used} (epoch millis, moved forward only by a script); the request path's one read;</li>
 * <li>{@code prefix:apikey-id:{<keyId>}}: the key's hash, for administration;</li>
 * <li>{@code prefix:apikeys}: set of all key ids, for listing.</li>
 * </ul>
 * Hash tags keep each key's entries on one Cluster slot. A save touches several slots, so it is a sequence of
 * commands rather than a transaction: concurrent administration of the same key is last-writer-wins.
 */
public final class RedisApiKeyStore implements ApiKeyStore {

	private static final String RECORD = "record";

	private static final String LAST_USED = "last_used";

	// Moves last_used forward only, and only on a key that still has a record (no resurrection after delete).
	private static final String TOUCH = """
			if redis.call('HEXISTS', KEYS[1], 'record') == 0 then return 0 end
			local cur = redis.call('HGET', KEYS[1], 'last_used')
			if (not cur) or tonumber(cur) < tonumber(ARGV[1]) then
			  redis.call('HSET', KEYS[1], 'last_used', ARGV[1])
			  return 1
			end
			return 0""";

	private final RedisCommandsSource<String, String> source;

	private final String prefix;

	public RedisApiKeyStore(RedisClusterAsyncCommands<String, String> redis) {
		this(redis, "tollgate");
	}

	/** @param prefix namespace of every Redis key this store writes (tests use a fresh one each) */
	public RedisApiKeyStore(RedisClusterAsyncCommands<String, String> redis, String prefix) {
		this(() -> redis, prefix);
	}

	/**
	 * @param source the commands while Redis can be used, else {@code null}: every operation then fails at once
	 * with a {@code RedisConnectionException} instead of waiting for a timeout
	 */
	public RedisApiKeyStore(RedisCommandsSource<String, String> source, String prefix) {
		this.source = source;
		this.prefix = prefix;
	}

	@Override
	public CompletionStage<Optional<ApiKeyRecord>> findByHash(String hash) {
		return RedisCommandsSource.guarded(() -> {
			return redis().hgetall(recordKey(hash)).thenApply(RedisApiKeyStore::decode);
		});
	}

	@Override
	public CompletionStage<Optional<ApiKeyRecord>> findById(String keyId) {
		return RedisCommandsSource.guarded(() -> {
			return redis().get(idKey(keyId)).thenCompose(hash -> (hash == null)
					? CompletableFuture.completedFuture(Optional.<ApiKeyRecord>empty())
					: findByHash(hash).thenApply(r -> r.filter(found -> found.keyId().equals(keyId))));
		});
	}

	@Override
	public CompletionStage<List<ApiKeyRecord>> list() {
		return RedisCommandsSource.guarded(() -> {
			return redis().smembers(setKey()).thenCompose(ids -> {
				List<CompletableFuture<Optional<ApiKeyRecord>>> reads = new ArrayList<>();
				ids.forEach(id -> reads.add(findById(id).toCompletableFuture()));
				return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
					.thenApply(v -> reads.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
			});
		});
	}

	@Override
	public CompletionStage<Void> save(ApiKeyRecord record) {
		return RedisCommandsSource.guarded(() -> {
			String recordKey = recordKey(record.hash());
			return redis().get(idKey(record.keyId())).thenCompose(existingHash -> {
				if (existingHash != null && !existingHash.equals(record.hash())) {
					throw new KeyConflictException("the hash of key " + record.keyId() + " cannot change");
				}
				return redis().hget(recordKey, RECORD);
			}).thenCompose(existingJson -> {
				if (existingJson != null && !RecordJson.read(existingJson).keyId().equals(record.keyId())) {
					throw new KeyConflictException("another key has the same hash");
				}
				return redis().hset(recordKey, RECORD, RecordJson.write(record));
			})
				.thenCompose(ignored -> redis().set(idKey(record.keyId()), record.hash()))
				.thenCompose(ignored -> redis().sadd(setKey(), record.keyId()))
				.thenCompose(ignored -> (record.lastUsed() != null) ? touch(recordKey, record.lastUsed())
						: CompletableFuture.completedFuture(null))
				.thenApply(ignored -> null);
		});
	}

	@Override
	public CompletionStage<Boolean> delete(String keyId) {
		return RedisCommandsSource.guarded(() -> {
			return redis().get(idKey(keyId)).thenCompose(hash -> {
				if (hash == null) {
					return CompletableFuture.completedFuture(false);
				}
				return redis().del(recordKey(hash))
					.thenCompose(n -> redis().del(idKey(keyId)))
					.thenCompose(n -> redis().srem(setKey(), keyId))
					.thenApply(n -> true);
			});
		});
	}

	@Override
	public CompletionStage<Void> recordLastUse(Map<String, Instant> lastUseByKeyId) {
		return RedisCommandsSource.guarded(() -> {
			List<CompletableFuture<?>> writes = new ArrayList<>();
			lastUseByKeyId.forEach((keyId, when) -> writes.add(redis().get(idKey(keyId))
				.thenCompose(hash -> (hash == null) ? CompletableFuture.completedFuture(null) : touch(recordKey(hash), when))
				.toCompletableFuture()));
			return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
		});
	}

	private CompletionStage<Object> touch(String recordKey, Instant when) {
		return redis().<Long>eval(TOUCH, ScriptOutputType.INTEGER, new String[] { recordKey },
				Long.toString(when.toEpochMilli()))
			.thenApply(n -> null);
	}

	private RedisClusterAsyncCommands<String, String> redis() {
		return this.source.require();
	}

	private static Optional<ApiKeyRecord> decode(Map<String, String> fields) {
		String json = fields.get(RECORD);
		if (json == null) {
			return Optional.empty();
		}
		ApiKeyRecord record = RecordJson.read(json);
		String lastUsed = fields.get(LAST_USED);
		return Optional.of((lastUsed == null) ? record
				: record.withLastUsed(Instant.ofEpochMilli(Long.parseLong(lastUsed))));
	}

	private String recordKey(String hash) {
		return this.prefix + ":apikey:{" + hash + "}";
	}

	private String idKey(String keyId) {
		return this.prefix + ":apikey-id:{" + keyId + "}";
	}

	private String setKey() {
		return this.prefix + ":apikeys";
	}

}
