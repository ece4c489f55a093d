package dev.tollgate.apikeys.usage;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.TestRecords;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.store.InMemoryApiKeyStore;
import dev.tollgate.testkit.MutableClock;

import static dev.tollgate.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

class UsageRecorderTest {

	private static final LocalDate DAY = LocalDate.parse("2026-03-02");

	private final MutableClock clock = MutableClock.at("2026-03-02T23:59:00Z");

	private final InMemoryUsageStore usage = new InMemoryUsageStore();

	private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore();

	private final ApiKeyRecord key = TestRecords.key("k1").build();

	@Test
	void flushWhenCallsCountedThenAggregatedPerKeyRouteAndDay() {
		await(this.keys.save(this.key));
		UsageRecorder recorder = new UsageRecorder(this.usage, this.keys, this.clock, 100);
		for (int i = 0; i < 5; i++) {
			recorder.recordKeyCall(this.key, "orders");
		}
		recorder.recordKeyCall(this.key, "billing");
		recorder.recordOAuthCall("agent-a", "orders");
		this.clock.advance(Duration.ofMinutes(2));
		recorder.recordKeyCall(this.key, "orders");
		assertThat(recorder.pendingCells()).isEqualTo(4);
		await(recorder.flush());
		assertThat(recorder.pendingCells()).isZero();
		assertThat(await(this.usage.keyCalls("k1", DAY, DAY.plusDays(1)))).isEqualTo(Map.of(DAY,
				Map.of("orders", 5L, "billing", 1L), DAY.plusDays(1), Map.of("orders", 1L)));
		assertThat(await(this.usage.clientTraffic("agent-a", DAY, DAY.plusDays(1))))
			.isEqualTo(new ClientTraffic("agent-a", 7, 1));
		assertThat(await(this.keys.findById("k1")).orElseThrow().lastUsed())
			.isEqualTo(Instant.parse("2026-03-03T00:01:00Z"));
	}

	@Test
	void flushWhenKeyUsedAgainWithinAMinuteOfItsLastWriteThenThatUseIsWrittenAfterTheMinute() {
		await(this.keys.save(this.key));
		UsageRecorder recorder = new UsageRecorder(this.usage, this.keys, this.clock, 100);
		Instant first = this.clock.instant();
		recorder.recordKeyCall(this.key, "orders");
		await(recorder.flush());
		this.clock.advance(Duration.ofSeconds(10));
		Instant second = this.clock.instant();
		recorder.recordKeyCall(this.key, "orders");

		await(recorder.flush());
		// Counted at once; the last use waits for the resolution.
		assertThat(await(this.usage.keyCalls("k1", DAY, DAY)).get(DAY)).containsEntry("orders", 2L);
		assertThat(await(this.keys.findById("k1")).orElseThrow().lastUsed()).isEqualTo(first);

		this.clock.advance(Duration.ofSeconds(50));
		await(recorder.flush());
		assertThat(await(this.keys.findById("k1")).orElseThrow().lastUsed()).isEqualTo(second);
	}

	@Test
	void flushWhenLastUseWriteFailsThenRetriedAtTheNextFlushNotAfterTheMinute() {
		await(this.keys.save(this.key));
		AtomicBoolean failing = new AtomicBoolean(true);
		// The real store, with recordLastUse failing while `failing` is set.
		ApiKeyStore flaky = (ApiKeyStore) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { ApiKeyStore.class }, (proxy, method, args) -> {
					if (method.getName().equals("recordLastUse") && failing.get()) {
						return CompletableFuture.failedFuture(new IllegalStateException("store down"));
					}
					return method.invoke(this.keys, args);
				});
		UsageRecorder recorder = new UsageRecorder(this.usage, flaky, this.clock, 100);
		Instant used = this.clock.instant();
		recorder.recordKeyCall(this.key, "orders");
		await(recorder.flush());
		failing.set(false);
		this.clock.advance(Duration.ofSeconds(10));

		await(recorder.flush());
		assertThat(await(this.keys.findById("k1")).orElseThrow().lastUsed()).isEqualTo(used);
	}

	@Test
	void recordOAuthCallWhenMidnightPassesThenTheCallsLandOnTheirOwnDays() {
		UsageRecorder recorder = new UsageRecorder(this.usage, this.keys, this.clock, 100);
		recorder.recordOAuthCall("agent-b", "orders");
		recorder.recordOAuthCall("agent-b", "orders");
		this.clock.advance(Duration.ofMinutes(2));
		recorder.recordOAuthCall("agent-b", "orders");

		assertThat(recorder.pendingCells()).isEqualTo(2);
		await(recorder.flush());
		assertThat(await(this.usage.clientTraffic("agent-b", DAY, DAY))).isEqualTo(new ClientTraffic("agent-b", 0, 2));
		assertThat(await(this.usage.clientTraffic("agent-b", DAY.plusDays(1), DAY.plusDays(1))))
			.isEqualTo(new ClientTraffic("agent-b", 0, 1));
	}

	@Test
	void recordWhenPendingMapFullThenNewCellsDroppedAndCounted() {
		UsageRecorder recorder = new UsageRecorder(this.usage, this.keys, this.clock, 2);
		recorder.recordOAuthCall("a", "orders");
		recorder.recordOAuthCall("b", "orders");
		recorder.recordOAuthCall("c", "orders");
		recorder.recordOAuthCall("a", "orders");
		assertThat(recorder.pendingCells()).isEqualTo(2);
		assertThat(recorder.dropped()).isEqualTo(1);
	}

	@Test
	void flushWhenStoreFailsThenCountsKeptForNextFlush() {
		AtomicBoolean down = new AtomicBoolean(true);
		UsageStore flaky = new UsageStore() {
			@Override
			public CompletionStage<Void> add(Map<UsageCell, Long> counts) {
				return down.get() ? CompletableFuture.failedFuture(new IllegalStateException("down"))
						: UsageRecorderTest.this.usage.add(counts);
			}

			@Override
			public CompletionStage<Map<LocalDate, Map<String, Long>>> keyCalls(String keyId, LocalDate from,
					LocalDate to) {
				return UsageRecorderTest.this.usage.keyCalls(keyId, from, to);
			}

			@Override
			public CompletionStage<ClientTraffic> clientTraffic(String clientId, LocalDate from, LocalDate to) {
				return UsageRecorderTest.this.usage.clientTraffic(clientId, from, to);
			}
		};
		UsageRecorder recorder = new UsageRecorder(flaky, this.keys, this.clock, 100);
		recorder.recordOAuthCall("agent-a", "orders");
		recorder.recordOAuthCall("agent-a", "orders");
		await(recorder.flush());
		assertThat(recorder.pendingCells()).isEqualTo(1);
		down.set(false);
		recorder.recordOAuthCall("agent-a", "orders");
		await(recorder.flush());
		assertThat(await(this.usage.clientTraffic("agent-a", DAY, DAY)).oauthCalls()).isEqualTo(3);
	}

	@Test
	void flushWhenNothingCountedThenNoWrite() {
		UsageStore refusing = new UsageStore() {
			@Override
			public CompletionStage<Void> add(Map<UsageCell, Long> counts) {
				throw new AssertionError("no write expected");
			}

			@Override
			public CompletionStage<Map<LocalDate, Map<String, Long>>> keyCalls(String k, LocalDate f, LocalDate t) {
				throw new AssertionError();
			}

			@Override
			public CompletionStage<ClientTraffic> clientTraffic(String c, LocalDate f, LocalDate t) {
				throw new AssertionError();
			}
		};
		await(new UsageRecorder(refusing, this.keys, this.clock, 10).flush());
	}

	@Test
	void flushWhenMoreCellsThanOneBatchThenEachBatchWaitsForThePreviousOne() {
		List<Integer> batches = new ArrayList<>();
		List<CompletableFuture<Void>> inFlight = new ArrayList<>();
		UsageStore held = new DelegatingUsageStore(this.usage) {
			@Override
			public CompletionStage<Void> add(Map<UsageCell, Long> counts) {
				batches.add(counts.size());
				CompletableFuture<Void> written = new CompletableFuture<>();
				inFlight.add(written);
				return UsageRecorderTest.this.usage.add(counts).thenCompose((v) -> written);
			}
		};
		UsageRecorder recorder = new UsageRecorder(held, this.keys, this.clock, 100, 3);
		for (int i = 0; i < 7; i++) {
			recorder.recordOAuthCall("agent-" + i, "orders");
		}
		CompletableFuture<Void> flush = recorder.flush().toCompletableFuture();
		assertThat(batches).containsExactly(3);
		inFlight.get(0).complete(null);
		assertThat(batches).containsExactly(3, 3);
		inFlight.get(1).complete(null);
		assertThat(batches).containsExactly(3, 3, 1);
		assertThat(flush).isNotDone();
		inFlight.get(2).complete(null);
		await(flush);
		for (int i = 0; i < 7; i++) {
			assertThat(await(this.usage.clientTraffic("agent-" + i, DAY, DAY)).oauthCalls()).isEqualTo(1);
		}
	}

	@Test
	void flushWhenALaterBatchFailsThenOnlyTheUnwrittenBatchesAreKept() {
		AtomicInteger calls = new AtomicInteger();
		UsageStore failingSecond = new DelegatingUsageStore(this.usage) {
			@Override
			public CompletionStage<Void> add(Map<UsageCell, Long> counts) {
				return (calls.incrementAndGet() == 2) ? CompletableFuture.failedFuture(new IllegalStateException("down"))
						: UsageRecorderTest.this.usage.add(counts);
			}
		};
		UsageRecorder recorder = new UsageRecorder(failingSecond, this.keys, this.clock, 100, 2);
		for (int i = 0; i < 5; i++) {
			recorder.recordOAuthCall("agent-" + i, "orders");
		}
		await(recorder.flush());
		assertThat(calls).hasValue(2);
		assertThat(recorder.pendingCells()).isEqualTo(3);
		await(recorder.flush());
		for (int i = 0; i < 5; i++) {
			assertThat(await(this.usage.clientTraffic("agent-" + i, DAY, DAY)).oauthCalls()).as("agent-" + i)
				.isEqualTo(1);
		}
	}

	/** A usage store that hands everything to another; tests override {@link #add}. */
	private static class DelegatingUsageStore implements UsageStore {

		private final UsageStore delegate;

		DelegatingUsageStore(UsageStore delegate) {
			this.delegate = delegate;
		}

		@Override
		public CompletionStage<Void> add(Map<UsageCell, Long> counts) {
			return this.delegate.add(counts);
		}

		@Override
		public CompletionStage<Map<LocalDate, Map<String, Long>>> keyCalls(String keyId, LocalDate from,
				LocalDate to) {
			return this.delegate.keyCalls(keyId, from, to);
		}

		@Override
		public CompletionStage<ClientTraffic> clientTraffic(String clientId, LocalDate from, LocalDate to) {
			return this.delegate.clientTraffic(clientId, from, to);
		}

	}

}
