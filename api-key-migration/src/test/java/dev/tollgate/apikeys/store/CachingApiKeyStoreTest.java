package dev.tollgate.apikeys.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.record.KeyStatus;
import dev.tollgate.apikeys.TestRecords;
import dev.tollgate.apikeys.format.KeyHash;

import static dev.tollgate.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

class CachingApiKeyStoreTest {

	private final AtomicLong nanos = new AtomicLong();

	private final Ticker ticker = this.nanos::get;

	@Test
	void findByHashWhenRepeatedThenOneStoreReadPerTtl() {
		CountingStore backing = new CountingStore();
		await(backing.save(TestRecords.key("k1").build()));
		CachingApiKeyStore cache = new CachingApiKeyStore(backing, new LocalKeyChangeBus(), Duration.ofSeconds(30),
				100, this.ticker);
		for (int i = 0; i < 10; i++) {
			assertThat(await(cache.findByHash(KeyHash.of("legacy-k1")))).isPresent();
		}
		assertThat(backing.reads.get()).isEqualTo(1);
		this.nanos.addAndGet(Duration.ofSeconds(31).toNanos());
		await(cache.findByHash(KeyHash.of("legacy-k1")));
		assertThat(backing.reads.get()).isEqualTo(2);
	}

	@Test
	void findByHashWhenUnknownRepeatedThenMissCachedToo() {
		CountingStore backing = new CountingStore();
		CachingApiKeyStore cache = new CachingApiKeyStore(backing, new LocalKeyChangeBus(), Duration.ofSeconds(30),
				100, this.ticker);
		for (int i = 0; i < 5; i++) {
			assertThat(await(cache.findByHash(KeyHash.of("made-up-key")))).isEmpty();
		}
		assertThat(backing.reads.get()).isEqualTo(1);
	}

	@Test
	void saveWhenOtherInstanceRevokesThenThisInstanceDropsItsCache() {
		InMemoryApiKeyStore shared = new InMemoryApiKeyStore();
		LocalKeyChangeBus bus = new LocalKeyChangeBus();
		CachingApiKeyStore a = new CachingApiKeyStore(shared, bus, Duration.ofMinutes(5), 100, this.ticker);
		CachingApiKeyStore b = new CachingApiKeyStore(shared, bus, Duration.ofMinutes(5), 100, this.ticker);
		ApiKeyRecord record = TestRecords.key("k1").build();
		await(a.save(record));
		assertThat(await(b.findByHash(record.hash()))).map(ApiKeyRecord::status).contains(KeyStatus.ACTIVE);
		await(a.save(record.toBuilder().status(KeyStatus.REVOKED).build()));
		assertThat(b.cachedEntries()).isZero();
		assertThat(await(b.findByHash(record.hash()))).map(ApiKeyRecord::status).contains(KeyStatus.REVOKED);
	}

	@Test
	void findByHashWhenChangeArrivesDuringLookupThenResultNotCached() {
		CompletableFuture<Optional<ApiKeyRecord>> slowRead = new CompletableFuture<>();
		ApiKeyRecord active = TestRecords.key("k1").build();
		InMemoryApiKeyStore backing = new InMemoryApiKeyStore();
		ApiKeyStore slow = new DelegatingStore(backing) {
			@Override
			public CompletionStage<Optional<ApiKeyRecord>> findByHash(String hash) {
				return slowRead;
			}
		};
		LocalKeyChangeBus bus = new LocalKeyChangeBus();
		CachingApiKeyStore cache = new CachingApiKeyStore(slow, bus, Duration.ofMinutes(5), 100, this.ticker);
		CompletionStage<Optional<ApiKeyRecord>> inFlight = cache.findByHash(active.hash());
		bus.publish("k1");
		slowRead.complete(Optional.of(active));
		assertThat(await(inFlight)).contains(active);
		assertThat(cache.cachedEntries()).isZero();
	}

	@Test
	void findByHashWhenTtlZeroThenNothingCached() {
		CountingStore backing = new CountingStore();
		CachingApiKeyStore cache = new CachingApiKeyStore(backing, new LocalKeyChangeBus(), Duration.ZERO, 100,
				this.ticker);
		await(cache.findByHash(KeyHash.of("x-key-123")));
		await(cache.findByHash(KeyHash.of("x-key-123")));
		assertThat(backing.reads.get()).isEqualTo(2);
	}

	@Test
	void findByHashWhenStoreFailsAndEntryPastTtlWithinMaxStalenessThenServedAndCounted() {
		FailingStore backing = new FailingStore();
		ApiKeyRecord record = TestRecords.key("k1").build();
		await(backing.save(record));
		CachingApiKeyStore cache = new CachingApiKeyStore(backing, new LocalKeyChangeBus(), Duration.ofSeconds(30),
				Duration.ofMinutes(5), 100, this.ticker);
		assertThat(await(cache.findByHash(record.hash()))).contains(record);
		backing.failing = true;
		this.nanos.addAndGet(Duration.ofMinutes(4).toNanos());
		assertThat(await(cache.findByHash(record.hash()))).contains(record);
		assertThat(cache.staleServed()).isEqualTo(1);
		assertThat(backing.reads.get()).as("the store was asked first").isEqualTo(2);
	}

	@Test
	void findByHashWhenStoreFailsAndKeyNeverLookedUpThenFails() {
		FailingStore backing = new FailingStore();
		backing.failing = true;
		CachingApiKeyStore cache = new CachingApiKeyStore(backing, new LocalKeyChangeBus(), Duration.ofSeconds(30),
				Duration.ofMinutes(5), 100, this.ticker);
		assertThat(cache.findByHash(KeyHash.of("never-seen")).toCompletableFuture())
			.failsWithin(Duration.ofSeconds(1));
		assertThat(cache.staleServed()).isZero();
	}

	@Test
	void findByHashWhenStoreFailsPastMaxStalenessThenFails() {
		FailingStore backing = new FailingStore();
		ApiKeyRecord record = TestRecords.key("k1").build();
		await(backing.save(record));
		CachingApiKeyStore cache = new CachingApiKeyStore(backing, new LocalKeyChangeBus(), Duration.ofSeconds(30),
				Duration.ofMinutes(5), 100, this.ticker);
		await(cache.findByHash(record.hash()));
		backing.failing = true;
		this.nanos.addAndGet(Duration.ofMinutes(6).toNanos());
		assertThat(cache.findByHash(record.hash()).toCompletableFuture()).failsWithin(Duration.ofSeconds(1));
	}

	@Test
	void findByHashWhenChangeAnnouncedDuringOutageThenStaleEntryNotServed() {
		FailingStore backing = new FailingStore();
		ApiKeyRecord record = TestRecords.key("k1").build();
		await(backing.save(record));
		LocalKeyChangeBus bus = new LocalKeyChangeBus();
		CachingApiKeyStore cache = new CachingApiKeyStore(backing, bus, Duration.ofSeconds(30), Duration.ofMinutes(5),
				100, this.ticker);
		await(cache.findByHash(record.hash()));
		backing.failing = true;
		this.nanos.addAndGet(Duration.ofMinutes(1).toNanos());
		bus.publish("k1");
		assertThat(cache.findByHash(record.hash()).toCompletableFuture()).failsWithin(Duration.ofSeconds(1));
	}

	/** A store whose lookups fail while {@code failing}, as a shared store does while Redis is down. */
	static class FailingStore extends CountingStore {

		volatile boolean failing;

		@Override
		public CompletionStage<Optional<ApiKeyRecord>> findByHash(String hash) {
			if (this.failing) {
				this.reads.incrementAndGet();
				return CompletableFuture.failedFuture(new IllegalStateException("store down"));
			}
			return super.findByHash(hash);
		}

	}

	/** Counts hash lookups. */
	static class CountingStore extends DelegatingStore {

		final AtomicInteger reads = new AtomicInteger();

		CountingStore() {
			super(new InMemoryApiKeyStore());
		}

		@Override
		public CompletionStage<Optional<ApiKeyRecord>> findByHash(String hash) {
			this.reads.incrementAndGet();
			return super.findByHash(hash);
		}

	}

}
