package dev.tollgate.apikeys.store;

import java.time.Clock;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.StringCodec;
import org.junit.jupiter.api.Test;

import dev.tollgate.redis.BackgroundConnection;
import dev.tollgate.redis.RedisClientSettings;
import dev.tollgate.redis.RedisCommandsSource;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisTopology;
import dev.tollgate.testkit.RedisHarness;

import static dev.tollgate.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Pub/sub loses messages sent while disconnected, so a re-subscription must drop every local cache. */
class RedisKeyChangeBusReconnectTest {

	@Test
	void subscribedWhenRedisComesBackThenListenersToldToDropEverything() throws Exception {
		try (RedisHarness redis = RedisHarness.dedicated()) {
			RedisConnector client = RedisConnector.create(
					RedisTopology.fromUrl(redis.uri(), RedisTopology.Credentials.NONE), RedisClientSettings.DEFAULTS,
					Clock.systemUTC());
			BackgroundConnection<StatefulConnection<String, String>> commands = client.commands("test",
					StringCodec.UTF8);
			LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
			RedisCommandsSource<String, String> source = RedisCommandsSource.of(commands, client.status());
			try (RedisKeyChangeBus bus = new RedisKeyChangeBus(client.pubSub("bus", StringCodec.UTF8), source, "t");
					RedisKeyChangeBus otherInstance = new RedisKeyChangeBus(
							client.pubSub("other-instance", StringCodec.UTF8), source, "t")) {
				bus.subscribe(id -> heard.add((id != null) ? id : "<all>"));
				await(bus.subscribed());
				await(otherInstance.subscribed());
				await(commands.firstOpened());
				heard.clear();
				// Published by another instance: heard only through Redis.
				await(otherInstance.publish("k1"));
				assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("k1");
				redis.stop();
				redis.start();
				assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("<all>");
			}
			finally {
				commands.close();
				client.close();
			}
		}
	}

}
