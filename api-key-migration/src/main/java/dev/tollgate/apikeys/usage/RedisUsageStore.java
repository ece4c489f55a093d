package dev.tollgate.apikeys.usage;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import dev.tollgate.redis.RedisCommandsSource;

/**
 * Call counts in Redis, one hash per subject and UTC day, each expiring after the retention period:
 * <ul>
 * <li>{@code prefix:usage:key:{<keyId>}:<day>}: field per route, calls made with the key;</li>
 * <li>{@code prefix:usage:client:{<clientId>}:<day>}: fields {@code key|<route>} and {@code oauth|<route>}.</li>
 * </ul>
 * Writes are {@code HINCRBY} of pre-aggregated batches, so a busy key costs one command per flush, not per call; each
 * hash gets its {@code EXPIRE} once, when this process first writes it.
 */
public final class RedisUsageStore implements UsageStore {

	private static final String KEY_FIELD = "key|";

	private static final String OAUTH_FIELD = "oauth|";

	private final RedisCommandsSource<String, String> source;

	private final String prefix;

	private final long retentionSeconds;

	/**
	 * Hashes this process gave their expiry; bounded, and forgotten after a day so a hash deleted by hand gets its
	 * expiry again when it is recreated.
	 */
	private final Cache<String, Boolean> expiring = Caffeine.newBuilder()
		.maximumSize(200_000)
		.expireAfterWrite(Duration.ofDays(1))
		.build();

	/** @param retention how long a day's counters are kept */
	public RedisUsageStore(RedisClusterAsyncCommands<String, String> redis, String prefix, Duration retention) {
		this(() -> redis, prefix, retention);
	}

	/** @param source the commands while Redis can be used, else {@code null} (operations then fail at once) */
	public RedisUsageStore(RedisCommandsSource<String, String> source, String prefix, Duration retention) {
		this.source = source;
		this.prefix = prefix;
		this.retentionSeconds = retention.toSeconds();
	}

	@Override
	public CompletionStage<Void> add(Map<UsageCell, Long> counts) {
		return RedisCommandsSource.guarded(() -> {
			List<CompletableFuture<?>> writes = new ArrayList<>();
			counts.forEach((cell, n) -> {
				String clientKey = clientKey(cell.clientId(), cell.day());
				boolean viaKey = cell.kind() == UsageCell.CallKind.API_KEY;
				writes.add(increment(clientKey, (viaKey ? KEY_FIELD : OAUTH_FIELD) + cell.routeId(), n));
				if (viaKey) {
					writes.add(increment(keyKey(cell.keyId(), cell.day()), cell.routeId(), n));
				}
			});
			return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
		});
	}

	/**
	 * The expiry is set once per hash by this process, not at every flush: a day's hash keeps the expiry it was given
	 * when created, and at 10,000 keys re-setting it was half of every flush's commands. When both go out, they go at
	 * once: one connection keeps their order, so the expiry follows the increment that created the hash.
	 */
	private CompletableFuture<?> increment(String key, String field, long n) {
		RedisClusterAsyncCommands<String, String> redis = redis();
		CompletableFuture<Long> added = redis.hincrby(key, field, n).toCompletableFuture();
		if (this.expiring.getIfPresent(key) != null) {
			return added;
		}
		return CompletableFuture.allOf(added, redis.expire(key, this.retentionSeconds).toCompletableFuture())
			.thenRun(() -> this.expiring.put(key, Boolean.TRUE));
	}

	@Override
	public CompletionStage<Map<LocalDate, Map<String, Long>>> keyCalls(String keyId, LocalDate from, LocalDate to) {
		return RedisCommandsSource.guarded(() -> {
			Map<LocalDate, CompletableFuture<Map<String, String>>> reads = new TreeMap<>();
			for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
				reads.put(d, redis().hgetall(keyKey(keyId, d)).toCompletableFuture());
			}
			return CompletableFuture.allOf(reads.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
				Map<LocalDate, Map<String, Long>> out = new TreeMap<>();
				reads.forEach((day, read) -> {
					Map<String, String> fields = read.join();
					if (!fields.isEmpty()) {
						Map<String, Long> perRoute = new TreeMap<>();
						fields.forEach((route, n) -> perRoute.put(route, Long.parseLong(n)));
						out.put(day, perRoute);
					}
				});
				return out;
			});
		});
	}

	@Override
	public CompletionStage<ClientTraffic> clientTraffic(String clientId, LocalDate from, LocalDate to) {
		return RedisCommandsSource.guarded(() -> {
			List<CompletableFuture<Map<String, String>>> reads = new ArrayList<>();
			for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
				reads.add(redis().hgetall(clientKey(clientId, d)).toCompletableFuture());
			}
			return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
				long keyCalls = 0;
				long oauthCalls = 0;
				for (CompletableFuture<Map<String, String>> read : reads) {
					for (Map.Entry<String, String> field : read.join().entrySet()) {
						long n = Long.parseLong(field.getValue());
						if (field.getKey().startsWith(KEY_FIELD)) {
							keyCalls += n;
						}
						else if (field.getKey().startsWith(OAUTH_FIELD)) {
							oauthCalls += n;
						}
					}
				}
				return new ClientTraffic(clientId, keyCalls, oauthCalls);
			});
		});
	}

	private RedisClusterAsyncCommands<String, String> redis() {
		return this.source.require();
	}

	private String keyKey(String keyId, LocalDate day) {
		return this.prefix + ":usage:key:{" + keyId + "}:" + day;
	}

	private String clientKey(String clientId, LocalDate day) {
		return this.prefix + ":usage:client:{" + clientId + "}:" + day;
	}

}
