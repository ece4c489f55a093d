package dev.tollgate.apikeys.store;

import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.apikeys.TestRecords;
import dev.tollgate.testkit.RedisHarness;

import static dev.tollgate.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The store contract on a real Redis (testkit harness); each test gets its own key prefix. */
class RedisApiKeyStoreTest extends ApiKeyStoreContract {

	private static RedisClient client;

	private static StatefulRedisConnection<String, String> connection;

	private String prefix;

	@BeforeAll
	static void connect() {
		client = RedisClient.create(RedisHarness.shared().uri());
		connection = client.connect();
	}

	@AfterAll
	static void disconnect() {
		connection.close();
		client.shutdown();
	}

	@Override
	protected ApiKeyStore newStore() {
		this.prefix = "t-" + UUID.randomUUID();
		return new RedisApiKeyStore(connection.async(), this.prefix);
	}

	@Test
	void saveWhenWrittenThenKeysHashTaggedAndNoSecretStored() {
		ApiKeyStore store = newStore();
		await(store.save(TestRecords.key("k1").build()));
		var keys = connection.sync().keys(this.prefix + ":*");
		assertThat(keys).containsExactlyInAnyOrder(
				this.prefix + ":apikey:{" + TestRecords.key("k1").build().hash() + "}",
				this.prefix + ":apikey-id:{k1}", this.prefix + ":apikeys");
		String json = connection.sync().hget(this.prefix + ":apikey:{" + TestRecords.key("k1").build().hash() + "}",
				"record");
		assertThat(json).doesNotContain("legacy-k1").contains("\"sha256\"");
	}

}
