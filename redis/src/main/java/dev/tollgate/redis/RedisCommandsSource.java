package dev.tollgate.redis;

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

	/** Commands of {@code connection}, used while it is open and {@code status} does not know Redis to be down. */
	static <K, V> RedisCommandsSource<K, V> of(BackgroundConnection<StatefulConnection<K, V>> connection,
			RedisStatus status) {
		return () -> {
			StatefulConnection<K, V> open = connection.current();
			return (open != null && status.isUsable()) ? RedisConnector.async(open) : null;
		};
	}

}
