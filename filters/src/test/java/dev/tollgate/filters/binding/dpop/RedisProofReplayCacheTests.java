package dev.tollgate.filters.binding.dpop;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.redis.RedisClientSettings;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisTopology;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.RedisHarness;

import static org.assertj.core.api.Assertions.assertThat;

class RedisProofReplayCacheTests extends ProofReplayCacheContract {

	private static final RedisClientSettings FAST = new RedisClientSettings(Duration.ofSeconds(2),
			Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(500),
			Duration.ofSeconds(30));

	private static final RedisConnector redis = connector(RedisHarness.shared().uri());

	private static final List<RedisProofReplayCache> opened = new ArrayList<>();

	private static RedisConnector connector(String url) {
		return RedisConnector.create(RedisTopology.fromUrl(url, RedisTopology.Credentials.NONE), FAST,
				Clock.systemUTC());
	}

	@AfterAll
	static void close() {
		opened.forEach(RedisProofReplayCache::close);
		redis.close();
	}

	@Override
	protected ProofReplayCache createCache(MutableClock clock) {
		RedisProofReplayCache cache = new RedisProofReplayCache(redis);
		cache.firstOpened().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
		opened.add(cache);
		return cache;
	}

	@Override
	protected boolean sharedBetweenInstances() {
		return true;
	}

	@Test
	void firstUseWhenRecordedThenRedisExpiresTheKeyWithinTtl() throws Exception {
		RedisProofReplayCache cache = (RedisProofReplayCache) createCache(this.clock);
		String key = "tollgate:dpop:{ttl}:" + java.util.UUID.randomUUID();
		cache.firstUse(key, Duration.ofSeconds(70)).toCompletableFuture().join();

		try (var client = io.lettuce.core.RedisClient.create(RedisHarness.shared().uri());
				var connection = client.connect()) {
			long pttl = connection.sync().pttl(key);
			assertThat(pttl).isPositive().isLessThanOrEqualTo(70_000);
		}
	}

	@Test
	void firstUseWhenRedisUnreachableThenFailsAtOnce() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		try (RedisConnector down = connector("redis://127.0.0.1:" + closed);
				RedisProofReplayCache cache = new RedisProofReplayCache(down)) {
			assertThat(cache.firstUse("k", Duration.ofMinutes(1)).toCompletableFuture()).isCompletedExceptionally();
		}
	}

}
