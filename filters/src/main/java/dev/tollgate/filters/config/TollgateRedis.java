package dev.tollgate.filters.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;

/**
 * The gateway's Redis: one Lettuce client and its URL, shared by the stores that need Redis (rate-limit buckets,
 * API keys). Each store opens its own connection with the codec it needs.
 *
 * <p>Client settings chosen for a gateway, where a late answer is worth less than a fast fallback: commands are
 * rejected at once while disconnected instead of queued; commands cut off by a disconnect are not replayed after
 * reconnecting (a replayed rate-limit charge would be counted twice); reconnect attempts back off to at most one
 * second, so Redis coming back is noticed quickly.
 */
public final class TollgateRedis implements AutoCloseable {

	private final RedisClient client;

	private final String url;

	private final ClientResources resources;

	public TollgateRedis(RedisClient client, String url) {
		this(client, url, null);
	}

	private TollgateRedis(RedisClient client, String url, ClientResources resources) {
		this.client = client;
		this.url = url;
		this.resources = resources;
	}

	/** A client with the settings above. */
	public static TollgateRedis create(TollgateRedisProperties properties) {
		ClientResources resources = DefaultClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(5), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
			.build();
		RedisClient client = RedisClient.create(resources);
		client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.replayFilter(command -> true)
			.timeoutOptions(TimeoutOptions.enabled(properties.getCommandTimeout()))
			.build());
		return new TollgateRedis(client, properties.getUrl(), resources);
	}

	public RedisClient client() {
		return this.client;
	}

	public String url() {
		return this.url;
	}

	@Override
	public void close() {
		this.client.shutdown();
		if (this.resources != null) {
			this.resources.shutdown();
		}
	}

	@Override
	public String toString() {
		// The URL may carry a password.
		return "TollgateRedis[url=<redacted>]";
	}

}
