package dev.tollgate.filters.ratelimit.store;

import java.util.concurrent.CompletionStage;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import dev.tollgate.redis.BackgroundConnection;
import dev.tollgate.redis.RedisCommandsSource;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisStatus;

/**
 * The Redis connection the rate limiter uses (string keys, byte values), on any topology, opened in the background:
 * when Redis is down at startup the gateway still starts and requests take the failure policy. Commands are sent
 * only while the connection is open and the status probe does not know Redis to be down, so an unreachable or hung
 * Redis costs no request its store timeout (the circuit is open); the scripts are loaded as soon as it opens, so
 * the first request for a new client is one {@code EVALSHA}.
 */
public final class RedisBucketConnection implements AutoCloseable {

	static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final BackgroundConnection<StatefulConnection<String, byte[]>> connection;

	private final RedisStatus status;

	private final RedisCommandsSource<String, byte[]> commands;

	public RedisBucketConnection(RedisConnector redis) {
		this.connection = redis.commands("rate-limit", CODEC);
		this.status = redis.status();
		this.commands = RedisCommandsSource.of(this.connection, this.status);
	}

	/** The connection's commands when Redis can be used now, else {@code null}. Never blocks. */
	public RedisClusterAsyncCommands<String, byte[]> commands() {
		return this.commands.commands();
	}

	/** The open connection itself (identity changes only if it was replaced), else {@code null}. */
	StatefulConnection<String, byte[]> openConnection() {
		StatefulConnection<String, byte[]> open = this.connection.current();
		return (open != null && this.status.isUsable()) ? open : null;
	}

	/** Runs {@code action} once the connection first opens, before any request uses it (script loading). */
	void whenOpened(java.util.function.Consumer<RedisClusterAsyncCommands<String, byte[]>> action) {
		this.connection.whenOpened(open -> action.accept(RedisConnector.async(open)));
	}

	/** Completes when the connection has been opened once (e.g. for a readiness check or a test). */
	public CompletionStage<?> firstOpened() {
		return this.connection.firstOpened();
	}

	@Override
	public void close() {
		this.connection.close();
	}

}
