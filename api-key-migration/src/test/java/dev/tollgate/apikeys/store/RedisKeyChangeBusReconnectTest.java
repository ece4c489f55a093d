package dev.tollgate.apikeys.store;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.RedisHarness;

import static dev.tollgate.apikeys.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Pub/sub loses messages sent while disconnected, so a re-subscription must drop every local cache. */
class RedisKeyChangeBusReconnectTest {

	@Test
	void subscribedWhenRedisComesBackThenListenersToldToDropEverything() throws Exception {
		try (RedisHarness redis = RedisHarness.dedicated()) {
			RedisClient client = RedisClient.create(redis.uri());
			StatefulRedisConnection<String, String> commands = client.connect();
			LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
			try (RedisKeyChangeBus bus = new RedisKeyChangeBus(client.connectPubSub(), commands.async(), "t")) {
				bus.subscribe(id -> heard.add((id != null) ? id : "<all>"));
				await(bus.subscribed());
				heard.clear();
				await(bus.publish("k1"));
				assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("k1");
				redis.stop();
				redis.start();
				assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("<all>");
			}
			finally {
				commands.close();
				client.shutdown();
			}
		}
	}

}
