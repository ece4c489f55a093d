package dev.tollgate.filters.ratelimit.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;


/**
 * Buckets in Redis decided by one Lua script ({@code token-bucket.lua}) per request: one {@code EVALSHA} round
 * trip whatever the contention, where bucket4j's compare-and-swap needs a {@code GET} plus an {@code EVAL} per
 * attempt and retries when another gateway wrote first. Same model as bucket4j's greedy refill, and exact: the
 * script runs atomically in Redis.
 */
public final class LuaBucketStore implements BucketStore {

	static final String SCRIPT = load("token-bucket.lua");

	private final RedisBucketConnection connection;

	private final Clock clock;

	private final LongAdder commands = new LongAdder();

	private final String sha;

	private volatile boolean scriptCached;

	public LuaBucketStore(RedisBucketConnection connection, Clock clock) {
		this.connection = connection;
		this.clock = clock;
		this.sha = sha1Hex(SCRIPT);
		connection.whenOpened(this::loadScript);
	}

	@Override
	public CompletionStage<Decision> tryConsume(String key, BucketSpec spec, long cost) {
		RedisClusterAsyncCommands<String, byte[]> redis = this.connection.commands();
		if (redis == null) {
			return CompletableFuture.failedFuture(new StoreUnavailableException("redis not usable"));
		}
		String[] keys = { key };
		byte[][] args = arguments(spec, cost);
		this.commands.increment();
		if (!this.scriptCached) {
			// Until Redis has confirmed it knows the script, send it whole: EVAL caches it, and a burst of first
			// requests costs one round trip each instead of EVALSHA, NOSCRIPT, EVAL.
			return redis.<List<Object>>eval(SCRIPT, ScriptOutputType.MULTI, keys, args).thenApply(reply -> {
				this.scriptCached = true;
				return toDecision(reply);
			});
		}
		CompletionStage<List<Object>> reply = redis.<List<Object>>evalsha(this.sha, ScriptOutputType.MULTI, keys, args)
			.exceptionallyCompose(failure -> {
				if (unwrap(failure) instanceof RedisNoScriptException) {
					// Redis lost its script cache (restart, failover, SCRIPT FLUSH): EVAL caches it again.
					this.scriptCached = false;
					this.commands.increment();
					return redis.<List<Object>>eval(SCRIPT, ScriptOutputType.MULTI, keys, args);
				}
				return CompletableFuture.failedFuture(failure);
			});
		return reply.thenApply(LuaBucketStore::toDecision);
	}

	@Override
	public boolean isAvailable() {
		return this.connection.commands() != null;
	}

	/**
	 * Loads the script when the connection opens, so the first decisions are {@code EVALSHA} (on a cluster, into
	 * every primary; a primary that never got it, e.g. after a failover, answers {@code NOSCRIPT} and gets an
	 * {@code EVAL}).
	 */
	private void loadScript(RedisClusterAsyncCommands<String, byte[]> redis) {
		CompletionStage<?> loaded = (redis instanceof RedisAdvancedClusterAsyncCommands<String, byte[]> cluster)
				? cluster.upstream().commands().scriptLoad(SCRIPT).toCompletableFuture()
				: redis.scriptLoad(SCRIPT);
		loaded.whenComplete((sha, failure) -> {
			if (failure == null) {
				this.scriptCached = true;
			}
		});
	}

	@Override
	public String name() {
		return "redis-lua";
	}

	/** Redis commands sent so far: one per decision, plus one after Redis lost its script cache. */
	public long commandsSent() {
		return this.commands.sum();
	}

	private byte[][] arguments(BucketSpec spec, long cost) {
		List<Limit> limits = spec.limits();
		byte[][] args = new byte[2 + 2 * limits.size()][];
		Instant now = this.clock.instant();
		args[0] = ascii(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000);
		args[1] = ascii(cost);
		for (int i = 0; i < limits.size(); i++) {
			args[2 + 2 * i] = ascii(limits.get(i).capacity());
			args[3 + 2 * i] = ascii(limits.get(i).window().toNanos() / 1_000);
		}
		return args;
	}

	private static Decision toDecision(List<Object> reply) {
		boolean allowed = ((Long) reply.get(0)) == 1L;
		long retryMicros = (Long) reply.get(1);
		List<Long> remaining = new ArrayList<>(reply.size() - 2);
		for (int i = 2; i < reply.size(); i++) {
			remaining.add((Long) reply.get(i));
		}
		return new Decision(allowed, remaining, allowed ? 0 : retryMicros * 1_000);
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	private static byte[] ascii(long value) {
		return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
	}

	private static String load(String name) {
		try (InputStream in = LuaBucketStore.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String sha1Hex(String script) {
		try {
			byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
				.digest(script.getBytes(StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
