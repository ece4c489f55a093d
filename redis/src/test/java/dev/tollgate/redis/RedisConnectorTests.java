package dev.tollgate.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.tollgate.testkit.RedisClusterHarness;
import dev.tollgate.testkit.RedisHarness;

import static dev.tollgate.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The shared client against real servers: down at startup, hung, back again, and a three-primary cluster. */
class RedisConnectorTests {

	/** Faster retries and probes than the defaults, so outages are seen quickly; shared by the Redis tests. */
	static final RedisClientSettings FAST = new RedisClientSettings(Duration.ofSeconds(2),
			Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(300),
			Duration.ofSeconds(30));

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private final Logger statusLogger = (Logger) LoggerFactory.getLogger(RedisStatus.class);

	@BeforeEach
	void captureLogs() {
		this.logs.start();
		this.statusLogger.addAppender(this.logs);
	}

	@AfterEach
	void releaseLogs() {
		this.statusLogger.detachAppender(this.logs);
	}

	@Test
	void commandsWhenRedisDownAtStartThenNullAtOnceThenOpenWhenRedisStartsWithoutRestart() {
		try (RedisHarness redis = RedisHarness.dedicated()) {
			redis.stop();
			try (RedisConnector connector = connector(redis)) {
				BackgroundConnection<StatefulConnection<String, String>> connection = connector.commands("test",
						StringCodec.UTF8);
				await(connector.status().reaching(RedisStatus.State.DOWN));
				assertThat(connection.current()).isNull();
				assertThat(connector.status().isUsable()).isFalse();
				assertThat(connector.status().snapshot().lastError()).contains("connecting");

				redis.start();
				await(connector.status().reaching(RedisStatus.State.UP));
				StatefulConnection<String, String> open = await(connection.firstOpened());
				assertThat(await(RedisConnector.async(open).ping())).isEqualTo("PONG");
			}
		}
		assertThat(warnings()).hasSize(1);
		assertThat(infos()).singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).contains("again"));
	}

	// Shutting down drops the connections and fails probes in flight: that is the gateway stopping, not Redis failing.
	@Test
	void statusWhenClosedThenConnectionFailuresNeitherChangeItNorWarn() {
		try (RedisHarness redis = RedisHarness.dedicated(); RedisConnector connector = connector(redis)) {
			connector.commands("test", StringCodec.UTF8);
			await(connector.status().reaching(RedisStatus.State.UP));
			connector.status().close();

			connector.status().connectFailed("test", new java.io.IOException("Connection closed"));

			assertThat(connector.status().snapshot().state()).isEqualTo(RedisStatus.State.UP);
		}
		assertThat(warnings()).isEmpty();
	}

	@Test
	void awaitStartupWhenRedisUpThenEveryConnectionOpenAndStatusUpWhenItReturns() {
		try (RedisHarness redis = RedisHarness.dedicated(); RedisConnector connector = connector(redis)) {
			BackgroundConnection<StatefulConnection<String, String>> first = connector.commands("a", StringCodec.UTF8);
			BackgroundConnection<StatefulConnection<String, String>> second = connector.commands("b", StringCodec.UTF8);
			connector.awaitStartup();
			assertThat(first.current()).isNotNull();
			assertThat(second.current()).isNotNull();
			assertThat(connector.status().snapshot().state()).isEqualTo(RedisStatus.State.UP);
		}
	}

	@Test
	void awaitStartupWhenRedisDownThenReturnsWithStatusDownAndNothingOpen() {
		try (RedisHarness redis = RedisHarness.dedicated()) {
			redis.stop();
			try (RedisConnector connector = connector(redis)) {
				BackgroundConnection<StatefulConnection<String, String>> connection = connector.commands("a",
						StringCodec.UTF8);
				connector.awaitStartup();
				assertThat(connection.current()).isNull();
				assertThat(connector.status().snapshot().state()).isEqualTo(RedisStatus.State.DOWN);
			}
		}
	}

	@Test
	void statusWhenRedisHungThenDownWithinTwoProbesThenUpWhenItAnswersAgain() {
		try (RedisHarness redis = RedisHarness.dedicated(); RedisConnector connector = connector(redis)) {
			BackgroundConnection<StatefulConnection<String, String>> connection = connector.commands("test",
					StringCodec.UTF8);
			await(connector.status().reaching(RedisStatus.State.UP));
			await(connection.firstOpened());
			redis.freeze();
			try {
				RedisStatus.Snapshot down = await(connector.status().reaching(RedisStatus.State.DOWN));
				assertThat(down.lastError()).contains("probe timeout");
				// The TCP connection is still open: only the probe tells a hung Redis from a healthy one.
				assertThat(connection.current()).isNotNull();
			}
			finally {
				redis.thaw();
			}
			await(connector.status().reaching(RedisStatus.State.UP));
			assertThat(connector.status().isUsable()).isTrue();
		}
		assertThat(warnings()).as("one line per change, no stack trace").hasSize(1)
			.allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
	}

	/**
	 * A saturated host reads the probe's reply after its timeout, and often every other reply late too: that is busy,
	 * not down (the load harness saw late probes turn API-key callers into 503s). A probe counts as failed only when
	 * nothing else was answered since it was sent and its own reply never comes (the hung Redis of the test above).
	 */
	@Test
	void probeFailedWhenTimedOutButAnsweredSinceOrLateThenStaysUpElseDown() {
		// One probe at start, the next an hour later: this test decides every other probe outcome itself.
		RedisClientSettings oneProbe = new RedisClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(1),
				Duration.ofMillis(100), Duration.ofHours(1), Duration.ofMillis(300), Duration.ofSeconds(30));
		try (RedisHarness redis = RedisHarness.dedicated();
				RedisConnector connector = RedisConnector.create(
						RedisTopology.fromUrl(redis.uri(), RedisTopology.Credentials.NONE), oneProbe,
						Clock.systemUTC())) {
			BackgroundConnection<StatefulConnection<String, String>> connection = connector.commands("test",
					StringCodec.UTF8);
			await(connection.firstOpened());
			await(connector.status().reaching(RedisStatus.State.UP));
			RedisStatus status = connector.status();
			CompletableFuture<String> neverAnswered = new CompletableFuture<>();

			long probeSent = System.nanoTime();
			await(RedisConnector.async(connection.current()).get("any"));
			status.probeFailed(probeSent, new TimeoutException(), neverAnswered);
			status.probeFailed(probeSent, new TimeoutException(), neverAnswered);
			assertThat(status.snapshot().state()).isEqualTo(RedisStatus.State.UP);
			assertThat(status.snapshot().lastError()).contains("busy, not down");

			// Sent "later" than anything answered: no other answer since it, but its own reply came late.
			long unanswered = System.nanoTime() + Duration.ofDays(1).toNanos();
			status.probeFailed(unanswered, new TimeoutException(), CompletableFuture.completedFuture("PONG"));
			status.probeFailed(unanswered, new TimeoutException(), CompletableFuture.completedFuture("PONG"));
			assertThat(status.snapshot().state()).isEqualTo(RedisStatus.State.UP);

			CompletableFuture<RedisStatus.Snapshot> down = status.reaching(RedisStatus.State.DOWN).toCompletableFuture();
			status.probeFailed(unanswered, new TimeoutException(), neverAnswered);
			status.probeFailed(unanswered, new TimeoutException(), neverAnswered);
			assertThat(down).isNotDone();
			neverAnswered.completeExceptionally(new IllegalStateException("command timed out"));
			assertThat(await(down).lastError()).contains("probe timeout");
		}
	}

	@Test
	void statusWhenRedisRestartedThenOneLineDownOneLineUpAndConnectionReconnectsByItself() {
		try (RedisHarness redis = RedisHarness.dedicated(); RedisConnector connector = connector(redis)) {
			BackgroundConnection<StatefulConnection<String, String>> connection = connector.commands("test",
					StringCodec.UTF8);
			await(connector.status().reaching(RedisStatus.State.UP));
			StatefulConnection<String, String> first = await(connection.firstOpened());
			redis.stop();
			await(connector.status().reaching(RedisStatus.State.DOWN));
			// Both connections (the probe's and this one) come back on their own.
			CompletableFuture<Void> reconnected = connector.resources().eventBus().get()
				.filter(ConnectionActivatedEvent.class::isInstance).take(2).then().toFuture();
			redis.start();
			await(reconnected);
			await(connector.status().reaching(RedisStatus.State.UP));
			assertThat(connection.current()).isSameAs(first);
			assertThat(await(RedisConnector.async(first).ping())).isEqualTo("PONG");
		}
		assertThat(warnings()).hasSize(1);
		assertThat(infos()).hasSize(1);
	}

	@Test
	void commandsWhenClusterThenKeysOfOneHashTagShareASlotAndAllPrimariesServe() {
		RedisClusterHarness cluster = RedisClusterHarness.shared();
		try (RedisConnector connector = RedisConnector.create(
				RedisTopology.cluster(cluster.seeds(), false, RedisTopology.Credentials.NONE), FAST,
				Clock.systemUTC())) {
			StatefulConnection<String, String> open = await(
					connector.commands("test", StringCodec.UTF8).firstOpened());
			var redis = RedisConnector.async(open);
			for (String key : List.of("a:{x}", "b:{x}", "c:{y}", "d:{z}")) {
				await(redis.set(key, key));
				assertThat(await(redis.get(key))).isEqualTo(key);
			}
			assertThat(SlotHash.getSlot("a:{x}")).isEqualTo(SlotHash.getSlot("b:{x}"));
			await(connector.status().reaching(RedisStatus.State.UP));
			assertThat(connector.topology().describe()).startsWith("cluster redis://127.0.0.1:");
		}
	}

	private static RedisConnector connector(RedisHarness redis) {
		return RedisConnector.create(RedisTopology.fromUrl(redis.uri(), RedisTopology.Credentials.NONE), FAST,
				Clock.systemUTC());
	}

	private List<ILoggingEvent> warnings() {
		return this.logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
	}

	private List<ILoggingEvent> infos() {
		return this.logs.list.stream().filter(e -> e.getLevel() == Level.INFO).toList();
	}

}
