package dev.tollgate.testkit;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisClusterHarnessTests {

	@Test
	void sharedWhenStartedThenThreePrimariesServeEverySlot() {
		RedisClusterHarness cluster = RedisClusterHarness.shared();
		assertThat(cluster.seeds()).hasSize(6);
		RedisClusterClient client = RedisClusterClient.create(cluster.seedUris());
		try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
			Set<String> owners = new HashSet<>();
			for (int i = 0; i < 50; i++) {
				String key = "harness:" + i;
				connection.sync().set(key, "v" + i);
				assertThat(connection.sync().get(key)).isEqualTo("v" + i);
				owners.add(connection.getPartitions().getPartitionBySlot(SlotHash.getSlot(key)).getNodeId());
			}
			assertThat(owners).hasSize(cluster.primaries());
			assertThat(connection.getPartitions().stream().filter(n -> !n.getSlots().isEmpty())).hasSize(3);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	@Test
	void failoverForWhenKeyThenReplicaTakesOverWithTheData() {
		try (RedisClusterHarness cluster = RedisClusterHarness.dedicated()) {
			RedisClusterClient client = RedisClusterClient.create(cluster.seedUris());
			try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
				connection.sync().set("moved", "kept");
				String before = connection.getPartitions().getPartitionBySlot(SlotHash.getSlot("moved")).getNodeId();
				cluster.failoverFor("moved");
				connection.sync().clusterInfo();
				client.refreshPartitions();
				String after = connection.getPartitions().getPartitionBySlot(SlotHash.getSlot("moved")).getNodeId();
				assertThat(after).isNotEqualTo(before);
				assertThat(connection.sync().get("moved")).isEqualTo("kept");
			}
			finally {
				client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			}
		}
	}

}
