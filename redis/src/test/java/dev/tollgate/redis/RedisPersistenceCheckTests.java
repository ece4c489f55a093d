package dev.tollgate.redis;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.StringCodec;
import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.RedisHarness;

import static org.assertj.core.api.Assertions.assertThat;

class RedisPersistenceCheckTests {

	@Test
	void judgeWhenAofAndNoEvictionThenNoProblem() {
		assertThat(RedisPersistenceCheck.judge(Map.of("appendonly", "yes", "save", "", "maxmemory-policy",
				"noeviction"))).isEmpty();
	}

	@Test
	void judgeWhenSnapshotsOnlyOrEvictingThenEachProblemNamedWithItsFix() {
		assertThat(RedisPersistenceCheck.judge(Map.of("appendonly", "no", "save", "3600 1", "maxmemory-policy",
				"allkeys-lru"))).satisfiesExactly(p -> assertThat(p).contains("RDB").contains("appendonly yes"),
						p -> assertThat(p).contains("allkeys-lru").contains("noeviction"));
	}

	@Test
	void problemsWhenTestRedisWithoutPersistenceThenNamedFromItsRealConfig() {
		// The harness runs redis-server with --save "" --appendonly no, as a careless deployment would.
		try (RedisHarness redis = RedisHarness.dedicated(); RedisConnector connector = RedisConnector.create(
				RedisTopology.fromUrl(redis.uri(), RedisTopology.Credentials.NONE), RedisClientSettings.DEFAULTS,
				Clock.systemUTC())) {
			BackgroundConnection<StatefulConnection<String, String>> connection = connector.commands("check",
					StringCodec.UTF8);
			StatefulConnection<String, String> open = connection.firstOpened().toCompletableFuture()
				.orTimeout(10, TimeUnit.SECONDS).join();
			List<String> problems = RedisPersistenceCheck.problems(RedisConnector.async(open)).toCompletableFuture()
				.orTimeout(10, TimeUnit.SECONDS).join();
			assertThat(problems).singleElement().asString().contains("persistence is off");
		}
	}

}
