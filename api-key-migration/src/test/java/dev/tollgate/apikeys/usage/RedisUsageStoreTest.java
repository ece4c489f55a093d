package dev.tollgate.apikeys.usage;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.RedisHarness;

import static dev.tollgate.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

class RedisUsageStoreTest {

	private static final LocalDate DAY = LocalDate.parse("2026-03-02");

	private static RedisClient client;

	private static StatefulRedisConnection<String, String> connection;

	private final String prefix = "t-" + UUID.randomUUID();

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

	@Test
	void addWhenBatchesThenCountsSummedPerKeyRouteDayAndClientKind() {
		assertCountsSummed(new RedisUsageStore(connection.async(), this.prefix, Duration.ofDays(90)));
	}

	/** What every topology must show: batches summed per key, route and day, and per client and kind. */
	static void assertCountsSummed(RedisUsageStore store) {
		UsageCell keyOrders = new UsageCell(UsageCell.CallKind.API_KEY, "agent-a", "k1", "orders", DAY);
		UsageCell keyBilling = new UsageCell(UsageCell.CallKind.API_KEY, "agent-a", "k1", "billing", DAY.plusDays(1));
		UsageCell oauth = new UsageCell(UsageCell.CallKind.OAUTH, "agent-a", null, "orders", DAY);
		await(store.add(Map.of(keyOrders, 5L, keyBilling, 2L, oauth, 7L)));
		await(store.add(Map.of(keyOrders, 1L)));
		assertThat(await(store.keyCalls("k1", DAY, DAY.plusDays(2))))
			.isEqualTo(Map.of(DAY, Map.of("orders", 6L), DAY.plusDays(1), Map.of("billing", 2L)));
		assertThat(await(store.clientTraffic("agent-a", DAY, DAY.plusDays(1))))
			.isEqualTo(new ClientTraffic("agent-a", 8, 7));
		assertThat(await(store.clientTraffic("agent-a", DAY.plusDays(1), DAY.plusDays(1))))
			.isEqualTo(new ClientTraffic("agent-a", 2, 0));
		assertThat(await(store.clientTraffic("nobody", DAY, DAY))).isEqualTo(new ClientTraffic("nobody", 0, 0));
	}

	@Test
	void addWhenWrittenThenEveryCounterExpiresAfterRetention() {
		RedisUsageStore store = new RedisUsageStore(connection.async(), this.prefix, Duration.ofDays(90));
		await(store.add(Map.of(new UsageCell(UsageCell.CallKind.API_KEY, "agent-a", "k1", "orders", DAY), 1L)));
		var keys = connection.sync().keys(this.prefix + ":usage:*");
		assertThat(keys).containsExactlyInAnyOrder(this.prefix + ":usage:key:{k1}:2026-03-02",
				this.prefix + ":usage:client:{agent-a}:2026-03-02");
		keys.forEach(k -> assertThat(connection.sync().ttl(k)).isBetween(Duration.ofDays(89).toSeconds(),
				Duration.ofDays(90).toSeconds()));
	}

	/** At 10,000 keys re-setting every hash's expiry at every flush was half of the flush's commands. */
	@Test
	void addWhenSameHashWrittenAgainThenItsExpiryIsNotSentAgain() {
		RedisUsageStore store = new RedisUsageStore(connection.async(), this.prefix, Duration.ofDays(90));
		UsageCell cell = new UsageCell(UsageCell.CallKind.API_KEY, "agent-a", "k1", "orders", DAY);
		String hash = this.prefix + ":usage:key:{k1}:2026-03-02";
		await(store.add(Map.of(cell, 1L)));
		// Take the expiry away: only an EXPIRE sent again could bring it back.
		connection.sync().persist(hash);
		await(store.add(Map.of(cell, 1L)));
		assertThat(connection.sync().ttl(hash)).isEqualTo(-1L);
		assertThat(connection.sync().hget(hash, "orders")).isEqualTo("2");
		// Another gateway instance sets it on its first write.
		await(new RedisUsageStore(connection.async(), this.prefix, Duration.ofDays(90)).add(Map.of(cell, 1L)));
		assertThat(connection.sync().ttl(hash)).isBetween(Duration.ofDays(89).toSeconds(),
				Duration.ofDays(90).toSeconds());
	}

}
