package dev.tollgate.apikeys.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tollgate.redis.BackgroundConnection;
import dev.tollgate.redis.RedisCommandsSource;

/**
 * Key changes over Redis pub/sub, channel {@code <prefix>:apikey:revocations}. Messages carry only the key id.
 * Lettuce re-subscribes after a reconnect; each (re)subscription tells listeners to drop everything, because
 * messages sent while disconnected are lost (pub/sub is fire-and-forget). The cache TTL bounds staleness if the
 * subscription itself is broken.
 */
public final class RedisKeyChangeBus implements KeyChangeBus {

	private static final Logger log = LoggerFactory.getLogger(RedisKeyChangeBus.class);

	private final BackgroundConnection<StatefulRedisPubSubConnection<String, String>> subscriber;

	private final RedisCommandsSource<String, String> publisher;

	private final String channel;

	private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

	private final CompletableFuture<Void> subscribed = new CompletableFuture<>();

	/**
	 * @param subscriber a dedicated pub/sub connection, subscribed once it opens (closed with this bus)
	 * @param publisher commands of an ordinary connection
	 * @param prefix namespace, {@code tollgate} in production
	 */
	public RedisKeyChangeBus(BackgroundConnection<StatefulRedisPubSubConnection<String, String>> subscriber,
			RedisCommandsSource<String, String> publisher, String prefix) {
		this(publisher, prefix, subscriber);
		subscriber.whenOpened(this::subscribe);
	}

	private RedisKeyChangeBus(RedisCommandsSource<String, String> publisher, String prefix,
			BackgroundConnection<StatefulRedisPubSubConnection<String, String>> subscriber) {
		this.subscriber = subscriber;
		this.publisher = publisher;
		this.channel = prefix + ":apikey:revocations";
	}

	/**
	 * A bus that announces changes but hears none from other instances: for a process that holds no cache to drop
	 * (the {@code keys} command line), so it needs no pub/sub connection. {@link #subscribed()} never completes.
	 * @param publisher commands of an ordinary connection
	 * @param prefix namespace, {@code tollgate} in production
	 */
	public static RedisKeyChangeBus publishOnly(RedisCommandsSource<String, String> publisher, String prefix) {
		return new RedisKeyChangeBus(publisher, prefix, null);
	}

	private void subscribe(StatefulRedisPubSubConnection<String, String> connection) {
		connection.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String channel, String message) {
				if (RedisKeyChangeBus.this.channel.equals(channel)) {
					notifyListeners(message);
				}
			}

			@Override
			public void subscribed(String channel, long count) {
				if (RedisKeyChangeBus.this.channel.equals(channel)) {
					notifyListeners(null);
					RedisKeyChangeBus.this.subscribed.complete(null);
				}
			}

		});
		connection.async().subscribe(this.channel).exceptionally(ex -> {
			log.warn("api-key change subscription failed; caches rely on their TTL: {}", ex.toString());
			this.subscribed.completeExceptionally(ex);
			return null;
		});
	}

	/** Completes once the first subscription is confirmed by Redis. */
	public CompletionStage<Void> subscribed() {
		return this.subscribed;
	}

	@Override
	public CompletionStage<Void> publish(String keyId) {
		// This instance hears its own change at once, not only when Redis echoes it back over the subscription: a
		// key issued here must not stay refused here (a remembered failure) for the time of a round trip.
		notifyListeners(keyId);
		// While Redis is down no instance can hear it; re-subscribing after the outage drops their caches anyway.
		return RedisCommandsSource.guarded(() -> this.publisher.require().publish(this.channel, keyId))
			.thenApply(n -> null);
	}

	@Override
	public void subscribe(Consumer<String> listener) {
		this.listeners.add(listener);
	}

	private void notifyListeners(String keyId) {
		for (Consumer<String> listener : this.listeners) {
			try {
				listener.accept(keyId);
			}
			catch (RuntimeException ex) {
				log.warn("api-key change listener failed: {}", ex.toString());
			}
		}
	}

	@Override
	public void close() {
		if (this.subscriber != null) {
			this.subscriber.close();
		}
	}

}
