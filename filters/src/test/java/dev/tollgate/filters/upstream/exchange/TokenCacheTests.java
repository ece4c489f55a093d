package dev.tollgate.filters.upstream.exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCacheTests {

	private final MutableClock clock = MutableClock.startingNow();

	private final TokenCache<String> cache = new TokenCache<>(100, this.clock);

	private final AtomicInteger loads = new AtomicInteger();

	@Test
	void getWhenHundredConcurrentRequestsForOneKeyThenOneLoad() throws Exception {
		CompletableFuture<TokenCache.Outcome> pending = new CompletableFuture<>();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<TokenCache.Lookup>> lookups = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			lookups.add(pool.submit(() -> {
				start.await();
				return this.cache.get("k", () -> counted(pending));
			}));
		}
		start.countDown();
		List<TokenCache.Lookup> results = new ArrayList<>();
		for (Future<TokenCache.Lookup> lookup : lookups) {
			results.add(lookup.get(10, TimeUnit.SECONDS));
		}
		pending.complete(issued("t1", Duration.ofMinutes(5)));
		pool.shutdown();

		assertThat(this.loads).hasValue(1);
		assertThat(results).filteredOn((l) -> l.state() == CacheState.MISS).hasSize(1);
		assertThat(results)
			.allSatisfy((l) -> assertThat(((TokenCache.Issued) l.result().join()).token()).isEqualTo("t1"));
	}

	@Test
	void getWhenEntryIsFreshThenHitWithoutLoad() {
		this.cache.get("k", () -> counted(CompletableFuture.completedFuture(issued("t1", Duration.ofMinutes(1)))));
		this.clock.advance(Duration.ofSeconds(59));

		TokenCache.Lookup second = this.cache.get("k", () -> counted(new CompletableFuture<>()));

		assertThat(second.state()).isEqualTo(CacheState.HIT);
		assertThat(this.loads).hasValue(1);
	}

	@Test
	void getWhenEntryReachedItsDeadlineThenLoadsAgain() {
		this.cache.get("k", () -> counted(CompletableFuture.completedFuture(issued("t1", Duration.ofMinutes(1)))));
		this.clock.advance(Duration.ofMinutes(1));

		TokenCache.Lookup second = this.cache.get("k",
				() -> counted(CompletableFuture.completedFuture(issued("t2", Duration.ofMinutes(1)))));

		assertThat(second.state()).isEqualTo(CacheState.MISS);
		assertThat(((TokenCache.Issued) second.result().join()).token()).isEqualTo("t2");
	}

	@Test
	void getWhenLoadFailedThenNothingIsKeptAndNextRequestLoads() {
		TokenCache.Lookup first = this.cache.get("k", () -> counted(
				CompletableFuture.failedFuture(new DependencyFailure("sts", "sts_timeout", Duration.ofSeconds(5)))));
		TokenCache.Lookup second = this.cache.get("k",
				() -> counted(CompletableFuture.completedFuture(issued("t1", Duration.ofMinutes(1)))));

		assertThat(first.result()).isCompletedExceptionally();
		assertThat(second.state()).isEqualTo(CacheState.MISS);
		assertThat(this.loads).hasValue(2);
	}

	@Test
	void getWhenRefusalIsRecentThenNegativeUntilItsTtl() {
		CallerFault fault = CallerFault.forbidden("sts_access_denied", "refused");
		this.cache.get("k", () -> counted(CompletableFuture
			.completedFuture(new TokenCache.Refused(fault, this.clock.instant().plusSeconds(5)))));

		TokenCache.Lookup repeated = this.cache.get("k", () -> counted(new CompletableFuture<>()));
		this.clock.advance(Duration.ofSeconds(5));
		TokenCache.Lookup afterTtl = this.cache.get("k",
				() -> counted(CompletableFuture.completedFuture(issued("t1", Duration.ofMinutes(1)))));

		assertThat(repeated.state()).isEqualTo(CacheState.NEGATIVE);
		assertThat(afterTtl.state()).isEqualTo(CacheState.MISS);
	}

	@Test
	void getWhenOutcomeIsAlreadyStaleThenServedOnceButNotKept() {
		TokenCache.Lookup first = this.cache.get("k",
				() -> counted(CompletableFuture.completedFuture(issued("t1", Duration.ZERO))));
		TokenCache.Lookup second = this.cache.get("k",
				() -> counted(CompletableFuture.completedFuture(issued("t2", Duration.ZERO))));

		assertThat(((TokenCache.Issued) first.result().join()).token()).isEqualTo("t1");
		assertThat(second.state()).isEqualTo(CacheState.MISS);
	}

	@Test
	void invalidateWhenTokenMatchesThenDroppedElseKept() {
		this.cache.get("k", () -> counted(CompletableFuture.completedFuture(issued("t1", Duration.ofMinutes(1)))));

		assertThat(this.cache.invalidate("k", "someone-elses")).isFalse();
		assertThat(this.cache.get("k", () -> counted(new CompletableFuture<>())).state()).isEqualTo(CacheState.HIT);
		assertThat(this.cache.invalidate("k", "t1")).isTrue();
		assertThat(this.cache.get("k", () -> counted(new CompletableFuture<>())).state()).isEqualTo(CacheState.MISS);
	}

	@Test
	void getWhenMoreKeysThanMaximumThenSizeStaysBounded() {
		TokenCache<String> small = new TokenCache<>(10, this.clock);
		for (int i = 0; i < 100; i++) {
			small.get("k" + i, () -> CompletableFuture.completedFuture(issued("t", Duration.ofMinutes(1))));
		}

		assertThat(small.size()).isLessThanOrEqualTo(10);
	}

	private CompletableFuture<TokenCache.Outcome> counted(CompletableFuture<TokenCache.Outcome> result) {
		this.loads.incrementAndGet();
		return result;
	}

	private TokenCache.Issued issued(String token, Duration validFor) {
		Instant until = this.clock.instant().plus(validFor);
		return new TokenCache.Issued(token, until);
	}

}
