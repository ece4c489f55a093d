package dev.tollgate.filters.mcp.session;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.filters.ratelimit.store.RedisStores;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.testkit.RedisHarness;

import static org.assertj.core.api.Assertions.assertThat;

/** The session store contract against a real Redis ({@link RedisHarness}), plus what only Redis shows. */
class RedisMcpSessionStoreTests extends McpSessionStoreContract {

	static RedisConnector connector;

	static RedisMcpSessionStore store;

	static RedisClient raw;

	static StatefulRedisConnection<String, String> inspect;

	@BeforeAll
	static void connect() {
		RedisHarness redis = RedisHarness.shared();
		connector = RedisStores.client(redis.uri());
		store = new RedisMcpSessionStore(connector);
		store.firstOpened().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
		raw = RedisClient.create(redis.uri());
		inspect = raw.connect();
	}

	@AfterAll
	static void close() {
		inspect.close();
		raw.shutdown();
		store.close();
		connector.close();
	}

	@Override
	McpSessionStore store() {
		return store;
	}

	/** {@code PEXPIRE} with a past time deletes the key, as the TTL running out would. */
	@Override
	void expire(String routeId, String sessionId) {
		inspect.sync().pexpire(SessionKeys.key(RedisMcpSessionStore.PREFIX, routeId, sessionId), 0);
	}

	@Test
	void bindWhenStoredThenKeyHashTaggedHoldsNoSessionIdAndCarriesTheTtl() {
		await(store.bind(this.route, "session-in-clear", "owner", Duration.ofMinutes(5)));
		String key = SessionKeys.key(RedisMcpSessionStore.PREFIX, this.route, "session-in-clear");

		assertThat(key).startsWith("tollgate:mcp:{" + this.route + ".").doesNotContain("session-in-clear");
		long ttl = inspect.sync().pttl(key);
		assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5).toMillis());
	}

	@Test
	void ownerWhenReadThenTtlRenewed() {
		await(store.bind(this.route, "s-renew", "owner", Duration.ofMinutes(1)));
		await(store.owner(this.route, "s-renew", Duration.ofHours(2)));
		long ttl = inspect.sync().pttl(SessionKeys.key(RedisMcpSessionStore.PREFIX, this.route, "s-renew"));
		assertThat(ttl).isGreaterThan(Duration.ofMinutes(1).toMillis());
	}

}
