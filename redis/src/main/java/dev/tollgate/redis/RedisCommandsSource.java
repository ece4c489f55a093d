package dev.tollgate.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * Where a store gets its Redis commands: the commands of an open connection while Redis can be used, else
 * {@code null}, so the store fails at once rather than waiting out a timeout.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface RedisCommandsSource<K, V> {

	/** The commands to use now, or {@code null} while Redis is unreachable or down. Never blocks. */
	RedisClusterAsyncCommands<K, V> commands();

	/** The commands to use now; while Redis is unreachable a {@link RedisConnectionException}, at once. */
	default RedisClusterAsyncCommands<K, V> require() {
		RedisClusterAsyncCommands<K, V> commands = commands();
		if (commands == null) {
			throw new RedisConnectionException("Redis is not reachable");
		}
		return commands;
	}

	/** Runs {@code operation}, turning anything it throws (e.g. from {@link #require()}) into a failed stage. */
	static <T> CompletionStage<T> guarded(Supplier<CompletionStage<T>> operation) {
		try {
			return operation.get();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** Commands of {@code connection}, used while it is open and {@code status} does not know Redis to be down. */
	static <K, V> RedisCommandsSource<K, V> of(BackgroundConnection<StatefulConnection<K, V>> connection,
			RedisStatus status) {
		return () -> {
			StatefulConnection<K, V> open = connection.current();
			return (open != null && status.isUsable()) ? RedisConnector.async(open) : null;
		};
	}

}
