package dev.tollgate.redis;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

/**
 * One Redis command connection for a short-lived process (the {@code keys} command line), opened at once and waited
 * for. It has the client options of {@link RedisConnector} but none of what a gateway runs beside its connections:
 * no status probe (and so no second connection), no pub/sub, no command latency recorder (whose pause detector
 * starts threads), one I/O thread. A gateway uses {@link RedisConnector}, whose connections open in the background
 * and outlive outages.
 */
public final class DirectRedisConnection implements AutoCloseable {

	private final ClientResources resources;

	private final AbstractRedisClient client;

	private final StatefulConnection<String, String> connection;

	private DirectRedisConnection(ClientResources resources, AbstractRedisClient client,
			StatefulConnection<String, String> connection) {
		this.resources = resources;
		this.client = client;
		this.connection = connection;
	}

	/**
	 * Opens the connection, trying again every retry interval of {@code settings} until {@code wait} has passed
	 * (Redis restarting is not a failure yet).
	 * @throws RedisConnectionException when no attempt succeeded within {@code wait}
	 */
	public static DirectRedisConnection open(RedisTopology topology, RedisClientSettings settings, Duration wait) {
		ClientResources resources = DefaultClientResources.builder()
			.ioThreadPoolSize(1)
			.computationThreadPoolSize(1)
			.commandLatencyRecorder(CommandLatencyRecorder.disabled())
			.build();
		AbstractRedisClient client = RedisConnector.client(resources, topology, settings, null);
		long deadline = System.nanoTime() + wait.toNanos();
		Exception last = null;
		try {
			while (true) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					break;
				}
				try {
					StatefulConnection<String, String> connection = RedisConnector
						.connect(client, topology, StringCodec.UTF8)
						.toCompletableFuture()
						.get(left, TimeUnit.NANOSECONDS);
					return new DirectRedisConnection(resources, client, connection);
				}
				catch (ExecutionException | RuntimeException ex) {
					last = ex;
				}
				catch (TimeoutException ex) {
					last = ex;
					break;
				}
				long pause = Math.min(settings.retryInterval().toNanos(), deadline - System.nanoTime());
				if (pause > 0) {
					TimeUnit.NANOSECONDS.sleep(pause);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			last = ex;
		}
		shutdown(client, resources);
		throw new RedisConnectionException(
				"cannot connect to " + topology.describe() + " within " + wait.toMillis() + " ms", last);
	}

	/** The connection's commands while it is connected, else {@code null} (operations then fail at once). */
	public RedisCommandsSource<String, String> commands() {
		return () -> this.connection.isOpen() ? RedisConnector.async(this.connection) : null;
	}

	@Override
	public void close() {
		this.connection.close();
		shutdown(this.client, this.resources);
	}

	private static void shutdown(AbstractRedisClient client, ClientResources resources) {
		client.shutdown();
		resources.shutdown();
	}

}
