package dev.tollgate.filters.binding.dpop;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.StringCodec;

import dev.tollgate.redis.BackgroundConnection;
import dev.tollgate.redis.RedisCommandsSource;
import dev.tollgate.redis.RedisConnector;

/**
 * The replay cache shared by every instance: one {@code SET key 1 NX PX ttl} per proof, a single round trip that is
 * atomic on any topology (the key lives on one node). While Redis is unreachable it fails at once, without waiting
 * out a timeout, and the failure policy decides.
 */
public final class RedisProofReplayCache implements ProofReplayCache, AutoCloseable {

	private final BackgroundConnection<StatefulConnection<String, String>> connection;

	private final RedisCommandsSource<String, String> commands;

	public RedisProofReplayCache(RedisConnector redis) {
		this.connection = redis.commands("dpop-replay", StringCodec.UTF8);
		this.commands = RedisCommandsSource.of(this.connection, redis.status());
	}

	@Override
	public CompletionStage<Boolean> firstUse(String key, Duration ttl) {
		return RedisCommandsSource.guarded(() -> this.commands.require()
			.set(key, "1", SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis())))
			.thenApply("OK"::equals));
	}

	/** Completes when the connection has been opened once (readiness, tests). */
	public CompletionStage<?> firstOpened() {
		return this.connection.firstOpened();
	}

	@Override
	public void close() {
		this.connection.close();
	}

}
