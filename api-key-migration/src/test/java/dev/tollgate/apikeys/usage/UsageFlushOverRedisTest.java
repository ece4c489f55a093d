package dev.tollgate.apikeys.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.apikeys.ApiKeyBackend;
import dev.tollgate.apikeys.TestRecords;
import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.redis.RedisClientSettings;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.redis.RedisTopology;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.RedisHarness;

import static dev.tollgate.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A usage flush after a busy interval, on a real Redis: 20,000 counters (80 s of 10,000 agents) must not queue ahead
 * of the lookups a request waits for. The load harness saw exactly that at 10,000 API keys: lookups timed out behind
 * a flush of 60,000 commands on the one connection, and callers got 503s.
 */
class UsageFlushOverRedisTest {

	private static final int CLIENTS = 20_000;

	private final String prefix = "t-" + UUID.randomUUID();

	private final MutableClock clock = MutableClock.at("2026-03-02T08:00:00Z");

	private final RedisConnector redis = RedisConnector.create(
			RedisTopology.fromUrl(RedisHarness.shared().uri(), RedisTopology.Credentials.NONE),
			RedisClientSettings.DEFAULTS, Clock.systemUTC());

	private final ApiKeyBackend backend = ApiKeyBackend.redis(this.redis, this.prefix, Duration.ofMinutes(10),
			Duration.ofMinutes(10), 100, Duration.ofDays(1));

	@AfterEach
	void close() {
		this.backend.close();
		this.redis.close();
	}

	@Test
	void flushWhenTensOfThousandsOfCountersThenRequestLookupAnswersBeforeTheFlushEnds() {
		await(this.backend.connected());
		ApiKeyRecord key = TestRecords.key("k-lookup").build();
		await(this.backend.store().save(key));
		UsageRecorder recorder = new UsageRecorder(this.backend.usage(), this.backend.lastUseStore(), this.clock,
				CLIENTS + 1);
		for (int i = 0; i < CLIENTS; i++) {
			recorder.recordOAuthCall("agent-" + i, "orders");
		}
		recorder.recordKeyCall(key, "orders");

		CompletableFuture<Void> flush = recorder.flush().toCompletableFuture();
		assertThat(await(this.backend.store().findById("k-lookup"))).isPresent();
		assertThat(flush).as("the lookup answered while the flush was still writing").isNotDone();

		await(flush);
		LocalDate day = LocalDate.parse("2026-03-02");
		assertThat(recorder.pendingCells()).isZero();
		assertThat(await(this.backend.usage().clientTraffic("agent-0", day, day)).oauthCalls()).isEqualTo(1);
		assertThat(await(this.backend.usage().clientTraffic("agent-" + (CLIENTS - 1), day, day)).oauthCalls())
			.isEqualTo(1);
		assertThat(await(this.backend.usage().keyCalls("k-lookup", day, day))).containsKey(day);
		assertThat(await(this.backend.lastUseStore().findById("k-lookup")).orElseThrow().lastUsed()).isNotNull();
	}

}
