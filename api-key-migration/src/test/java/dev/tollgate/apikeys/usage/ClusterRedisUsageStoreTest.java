package dev.tollgate.apikeys.usage;

import java.time.Duration;
import java.util.UUID;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.RedisClusterHarness;

/** Usage counters on a real three-primary Redis Cluster: each day's hash on its own slot, no cross-slot command. */
class ClusterRedisUsageStoreTest {

	@Test
	void addWhenClusterThenCountsSummedPerKeyRouteDayAndClientKind() {
		RedisClusterClient client = RedisClusterClient.create(RedisClusterHarness.shared().seedUris());
		try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
			RedisUsageStoreTest.assertCountsSummed(
					new RedisUsageStore(connection.async(), "t-" + UUID.randomUUID(), Duration.ofDays(90)));
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
