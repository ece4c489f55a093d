package dev.tollgate.redis;

import java.time.Clock;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

/**
 * The gateway's one Redis client, for any {@link RedisTopology}: Lettuce's {@link RedisClient} for standalone and
 * Sentinel, its {@link RedisClusterClient} (periodic and adaptive topology refresh) for a cluster. Every store
 * opens its connections here, in the background, so nothing waits for Redis at startup.
 *
 * <p>Client options chosen for a gateway, where a late answer is worth less than a fast fallback: commands are
 * rejected at once while disconnected instead of queued; commands cut off by a disconnect are not replayed (a
 * replayed rate-limit charge would be counted twice); reconnects back off to at most the retry interval.
 */
public final class RedisConnector implements AutoCloseable {

	private final RedisTopology topology;

	private final RedisClientSettings settings;

	private final ClientResources resources;

	private final AbstractRedisClient client;

	private final RedisStatus status;

	private final SslOptions tls;

	private RedisConnector(RedisTopology topology, RedisClientSettings settings, SslOptions tls, Clock clock) {
		this.topology = topology;
		this.settings = settings;
		this.tls = tls;
		RedisAnswers answers = new RedisAnswers();
		this.resources = DefaultClientResources.builder()
			.reconnectDelay(Delay.exponential(java.time.Duration.ofMillis(5), settings.retryInterval(), 2,
					java.util.concurrent.TimeUnit.MILLISECONDS))
			.commandLatencyRecorder(answers)
			.build();
		this.client = client(this.resources, topology, settings, tls);
		this.status = new RedisStatus(topology.describe(), scheduler(), settings, clock, answers);
	}

	/** A client for {@code topology}; opens nothing yet. TLS ({@code rediss://}) trusts the JDK's CAs. */
	public static RedisConnector create(RedisTopology topology, RedisClientSettings settings, Clock clock) {
		return new RedisConnector(topology, settings, null, clock);
	}

	/**
	 * As {@link #create(RedisTopology, RedisClientSettings, Clock)}, with the trust material (and client key, for
	 * mutual TLS) of {@code rediss://} connections, e.g. from a Spring Boot SSL bundle.
	 */
	public static RedisConnector create(RedisTopology topology, RedisClientSettings settings, SslOptions tls,
			Clock clock) {
		return new RedisConnector(topology, settings, tls, clock);
	}

	/**
	 * A command connection opened in the background and retried until it opens. The first one also starts the
	 * status probe, on a connection of its own: a probe queued behind a slow command would take "slow" for "down".
	 * @param name what the connection is for, in logs ({@code rate-limit}, {@code api-keys})
	 */
	public <K, V> BackgroundConnection<StatefulConnection<K, V>> commands(String name, RedisCodec<K, V> codec) {
		synchronized (this.status) {
			if (!this.status.probing()) {
				this.status.probeThrough(new BackgroundConnection<>("status-probe", () -> connect(StringCodec.UTF8),
						scheduler(), this.settings.retryInterval(), this.status));
			}
		}
		return this.status.watched(new BackgroundConnection<>(name, () -> connect(codec), scheduler(),
				this.settings.retryInterval(), this.status));
	}

	/** A pub/sub connection opened in the background; Lettuce re-subscribes its channels after reconnects. */
	public <K, V> BackgroundConnection<StatefulRedisPubSubConnection<K, V>> pubSub(String name,
			RedisCodec<K, V> codec) {
		return this.status.watched(new BackgroundConnection<>(name, () -> connectPubSub(codec), scheduler(),
				this.settings.retryInterval(), this.status));
	}

	/** The async commands of a connection from {@link #commands}: the subset every topology offers. */
	@SuppressWarnings("unchecked")
	public static <K, V> RedisClusterAsyncCommands<K, V> async(StatefulConnection<K, V> connection) {
		if (connection instanceof StatefulRedisConnection<?, ?> single) {
			return (RedisClusterAsyncCommands<K, V>) single.async();
		}
		if (connection instanceof StatefulRedisClusterConnection<?, ?> cluster) {
			return (RedisClusterAsyncCommands<K, V>) cluster.async();
		}
		throw new IllegalArgumentException("not a Redis command connection: " + connection.getClass().getName());
	}

	/**
	 * Waits, at most the connect timeout (twice, for the probe), for the connections opened so far to connect or
	 * fail: called once at startup, so a healthy Redis serves the first request and a Redis that is down delays
	 * startup by at most that long. Never call it on an event loop.
	 */
	public void awaitStartup() {
		this.status.awaitStartup(this.settings.connectTimeout().multipliedBy(2));
	}

	public RedisTopology topology() {
		return this.topology;
	}

	/** Whether Redis answered the last probes, for fail-fast decisions, health and readiness. */
	public RedisStatus status() {
		return this.status;
	}

	/** Lettuce's resources (event loops, event bus), e.g. for tests that watch connection events. */
	public ClientResources resources() {
		return this.resources;
	}

	@Override
	public void close() {
		this.status.close();
		this.status.closeProbe();
		this.client.shutdown();
		this.resources.shutdown();
	}

	@Override
	public String toString() {
		return "RedisConnector[" + this.topology.describe() + "]";
	}

	private ScheduledExecutorService scheduler() {
		return this.resources.eventExecutorGroup();
	}

	private <K, V> CompletionStage<StatefulConnection<K, V>> connect(RedisCodec<K, V> codec) {
		return connect(this.client, this.topology, codec);
	}

	/** Opens a command connection with a client from {@link #client}. */
	static <K, V> CompletionStage<StatefulConnection<K, V>> connect(AbstractRedisClient client,
			RedisTopology topology, RedisCodec<K, V> codec) {
		if (client instanceof RedisClusterClient cluster) {
			// connectAsync fails with "Partitions not initialized" unless the topology was loaded first.
			return cluster.refreshPartitionsAsync().thenCompose(loaded -> cluster.connectAsync(codec))
				.thenApply(c -> c);
		}
		return ((RedisClient) client).connectAsync(codec, topology.nodes().get(0)).thenApply(c -> c);
	}

	private <K, V> CompletionStage<StatefulRedisPubSubConnection<K, V>> connectPubSub(RedisCodec<K, V> codec) {
		if (this.client instanceof RedisClusterClient cluster) {
			return cluster.refreshPartitionsAsync().thenCompose(loaded -> cluster.connectPubSubAsync(codec))
				.thenApply(c -> c);
		}
		return ((RedisClient) this.client).connectPubSubAsync(codec, this.topology.nodes().get(0));
	}

	/** The Lettuce client for {@code topology} with the options above; opens nothing. */
	static AbstractRedisClient client(ClientResources resources, RedisTopology topology, RedisClientSettings settings,
			SslOptions tls) {
		return (topology.kind() == RedisTopology.Kind.CLUSTER) ? clusterClient(resources, topology, settings, tls)
				: standaloneClient(resources, settings, tls);
	}

	private static RedisClient standaloneClient(ClientResources resources, RedisClientSettings settings,
			SslOptions tls) {
		RedisClient single = RedisClient.create(resources);
		single.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.replayFilter(command -> true)
			.socketOptions(socketOptions(settings))
			.sslOptions((tls != null) ? tls : SslOptions.create())
			.timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
			.build());
		return single;
	}

	private static RedisClusterClient clusterClient(ClientResources resources, RedisTopology topology,
			RedisClientSettings settings, SslOptions tls) {
		RedisClusterClient cluster = RedisClusterClient.create(resources, topology.nodes());
		ClusterClientOptions.Builder options = ClusterClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.socketOptions(socketOptions(settings))
			.sslOptions((tls != null) ? tls : SslOptions.create())
			.timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
			.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
				.enablePeriodicRefresh(settings.topologyRefresh())
				.enableAllAdaptiveRefreshTriggers()
				.build());
		options.replayFilter(command -> true);
		cluster.setOptions(options.build());
		return cluster;
	}

	private static SocketOptions socketOptions(RedisClientSettings settings) {
		return SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build();
	}

}
