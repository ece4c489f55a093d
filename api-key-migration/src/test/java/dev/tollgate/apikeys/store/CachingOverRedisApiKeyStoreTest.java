package dev.tollgate.apikeys.store;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import dev.tollgate.apikeys.ApiKeyBackend;
import dev.tollgate.redis.RedisClientSettings;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisTopology;
import dev.tollgate.testkit.RedisHarness;

import static dev.tollgate.testkit.Await.await;

/**
 * The store contract for the key store as a gateway instance assembles it on a real Redis: the lookup cache over
 * the Redis store, changes announced over Redis pub/sub (its own announcements come back to it, later). The
 * Cluster variant overrides {@link #topology()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachingOverRedisApiKeyStoreTest extends ApiKeyStoreContract {

	private RedisConnector redis;

	private ApiKeyBackend backend;

	/** The standalone test Redis. */
	protected RedisTopology topology() {
		return RedisTopology.fromUrl(RedisHarness.shared().uri(), RedisTopology.Credentials.NONE);
	}

	@BeforeAll
	void connect() {
		this.redis = RedisConnector.create(topology(), RedisClientSettings.DEFAULTS, Clock.systemUTC());
	}

	@AfterAll
	void disconnect() {
		this.redis.close();
	}

	@AfterEach
	void closeBackend() {
		this.backend.close();
	}

	@Override
	protected ApiKeyStore newStore() {
		this.backend = ApiKeyBackend.redis(this.redis, "t-" + UUID.randomUUID(), Duration.ofMinutes(10),
				Duration.ofMinutes(10), 100, Duration.ofDays(1));
		await(this.backend.connected());
		// Subscribing drops every cached lookup once; wait for it so it cannot land in the middle of a test.
		await(((RedisKeyChangeBus) this.backend.bus()).subscribed());
		return this.backend.store();
	}

	@Override
	protected boolean hashLookupSeesLastUseAtOnce() {
		return false;
	}

}
