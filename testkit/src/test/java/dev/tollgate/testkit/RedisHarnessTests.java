package dev.tollgate.testkit;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisHarnessTests {

	@Test
	void sharedWhenRequestedThenPingAnswersPong() {
		RedisHarness redis = RedisHarness.shared();
		assertThat(redis.ping()).isEqualTo("PONG");
		assertThat(redis.uri()).startsWith("redis://");
		assertThat(RedisHarness.shared()).isSameAs(redis);
	}

	@Test
	void sharedWhenStopRequestedThenRefused() {
		assertThatThrownBy(() -> RedisHarness.shared().stop()).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void flushAllWhenKeysExistThenRemovesThem() {
		try (RedisHarness redis = RedisHarness.dedicated()) {
			RedisClient client = RedisClient.create(redis.uri());
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				connection.sync().set("testkit:k", "v");
				redis.flushAll();
				assertThat(connection.sync().get("testkit:k")).isNull();
			}
			finally {
				client.shutdown();
			}
		}
	}

	@Test
	void dedicatedWhenStoppedThenConnectionRefusedAndStartServesSamePort() {
		try (RedisHarness redis = RedisHarness.dedicated()) {
			int port = redis.port();
			assertThat(redis.ping()).isEqualTo("PONG");
			redis.stop();
			assertThatThrownBy(() -> {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress(redis.host(), port), 2000);
				}
			}).isInstanceOf(ConnectException.class);
			redis.start();
			assertThat(redis.port()).isEqualTo(port);
			assertThat(redis.ping()).isEqualTo("PONG");
		}
	}

}
