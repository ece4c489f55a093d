package dev.tollgate.apikeys.store;

import java.time.Duration;
import java.util.UUID;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.tollgate.testkit.RedisClusterHarness;

/**
 * The store contract on a real three-primary Redis Cluster: a key's records live on the slots of their hash tags,
 * and no command spans two slots (Redis would answer {@code CROSSSLOT}).
 */
class ClusterRedisApiKeyStoreTest extends ApiKeyStoreContract {

	private static RedisClusterClient client;

	private static StatefulRedisClusterConnection<String, String> connection;

	@BeforeAll
	static void connect() {
		client = RedisClusterClient.create(RedisClusterHarness.shared().seedUris());
		connection = client.connect();
	}

	@AfterAll
	static void disconnect() {
		connection.close();
		client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	@Override
	protected ApiKeyStore newStore() {
		return new RedisApiKeyStore(connection.async(), "t-" + UUID.randomUUID());
	}

}
