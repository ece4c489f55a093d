package dev.tollgate.redis;

import java.time.Clock;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.StringCodec;
import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.RedisSentinelHarness;

import static dev.tollgate.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The shared client on a real Sentinel deployment: it finds the primary, and follows it through a failover. */
class RedisSentinelTests {

	@Test
	void commandsWhenSentinelFailsOverThenWritesReachTheNewPrimaryWithoutRestart() {
		try (RedisSentinelHarness sentinel = RedisSentinelHarness.start();
				RedisConnector connector = RedisConnector.create(
						RedisTopology.fromUrl(sentinel.uri(), RedisTopology.Credentials.NONE), RedisConnectorTests.FAST,
						Clock.systemUTC())) {
			assertThat(connector.topology().kind()).isEqualTo(RedisTopology.Kind.SENTINEL);
			BackgroundConnection<StatefulConnection<String, String>> connection = connector.commands("test",
					StringCodec.UTF8);
			var redis = RedisConnector.async(await(connection.firstOpened()));
			await(redis.set("before", "1"));

			sentinel.failover();

			// The demoted primary drops its clients; Lettuce asks the Sentinel again and lands on the new primary.
			await(connector.status().reaching(RedisStatus.State.UP));
			assertThat(await(redis.set("after", "2"))).isEqualTo("OK");
			assertThat(await(redis.get("before"))).isEqualTo("1");
			assertThat(await(redis.info("replication"))).contains("role:master");
		}
	}

}
