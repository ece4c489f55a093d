package dev.tollgate.filters.mcp.session;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.GetExArgs;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.StringCodec;

import dev.tollgate.redis.BackgroundConnection;
import dev.tollgate.redis.RedisCommandsSource;
import dev.tollgate.redis.RedisConnector;

/**
 * Session bindings in Redis, shared by every gateway instance: {@code SET key owner PX ttl} on initialize,
 * {@code GETEX key PX ttl} on every later request (Redis 6.2 or later), {@code DEL} when the client ends the
 * session. Uses a connection of the gateway's shared Lettuce client; while Redis is down every operation fails at
 * once.
 */
public final class RedisMcpSessionStore implements McpSessionStore, AutoCloseable {

	/** Key prefix of session bindings. */
	public static final String PREFIX = "tollgate:mcp:";

	private final BackgroundConnection<StatefulConnection<String, String>> connection;

	private final RedisCommandsSource<String, String> commands;

	public RedisMcpSessionStore(RedisConnector redis) {
		this.connection = redis.commands("mcp-sessions", StringCodec.UTF8);
		this.commands = RedisCommandsSource.of(this.connection, redis.status());
	}

	@Override
	public CompletionStage<Void> bind(String routeId, String sessionId, String owner, Duration ttl) {
		return RedisCommandsSource.guarded(() -> this.commands.require()
			.set(SessionKeys.key(PREFIX, routeId, sessionId), owner, SetArgs.Builder.px(ttl.toMillis()))
			.thenApply(ok -> null));
	}

	@Override
	public CompletionStage<String> owner(String routeId, String sessionId, Duration ttl) {
		return RedisCommandsSource.guarded(() -> this.commands.require()
			.getex(SessionKeys.key(PREFIX, routeId, sessionId), GetExArgs.Builder.px(ttl.toMillis())));
	}

	@Override
	public CompletionStage<Void> forget(String routeId, String sessionId) {
		return RedisCommandsSource.guarded(() -> this.commands.require()
			.del(SessionKeys.key(PREFIX, routeId, sessionId))
			.thenApply(n -> null));
	}

	/** Completes when the connection has been opened once (for tests and readiness). */
	public CompletionStage<?> firstOpened() {
		return this.connection.firstOpened();
	}

	@Override
	public String name() {
		return "redis";
	}

	@Override
	public void close() {
		this.connection.close();
	}

}
