package dev.tollgate.filters.ratelimit.store;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures Redis round trips on one hot key under contention: 80 concurrent decisions from two gateway instances
 * (two connections). bucket4j's compare-and-swap needs a GET and an EVAL per attempt and retries when the other
 * writer won; the Lua store needs one EVALSHA per decision. Both must stay exact.
 */
class HotKeyRoundTripsTest {

	private static final Logger log = LoggerFactory.getLogger(HotKeyRoundTripsTest.class);

	private static final int REQUESTS = 80;

	private static final int CAPACITY = 30;

	private static RedisStores.TwoInstances instances;

	private final MutableClock clock = MutableClock.startingNow();

	private final BucketSpec spec = new BucketSpec("hot", List.of(Limit.parse(CAPACITY + "/1h")));

	@BeforeAll
	static void connect() {
		instances = RedisStores.TwoInstances.open();
	}

	@AfterAll
	static void close() {
		instances.close();
	}

	@Test
	void tryConsumeWhenHotKeyUnderContentionThenLuaSendsOneCommandPerDecisionAndStaysExact() {
		LuaBucketStore a = new LuaBucketStore(instances.first(), this.clock);
		LuaBucketStore b = new LuaBucketStore(instances.second(), this.clock);

		long allowed = burst(a, b);

		long commands = a.commandsSent() + b.commandsSent();
		log.info("lua: {} decisions on one key, {} allowed, {} Redis commands", REQUESTS, allowed, commands);
		assertThat(allowed).isEqualTo(CAPACITY);
		assertThat(commands).isEqualTo(REQUESTS);
	}

	@Test
	void tryConsumeWhenHotKeyUnderContentionThenCompareAndSwapRetriesButStaysExact() {
		Bucket4jCasBucketStore a = new Bucket4jCasBucketStore(instances.first(), this.clock);
		Bucket4jCasBucketStore b = new Bucket4jCasBucketStore(instances.second(), this.clock);

		long allowed = burst(a, b);

		long commands = a.commandsSent() + b.commandsSent();
		long attempts = a.getsSent() + b.getsSent();
		log.info("cas: {} decisions on one key, {} allowed, {} attempts, {} Redis commands", REQUESTS, allowed,
				attempts, commands);
		assertThat(allowed).isEqualTo(CAPACITY);
		// Every attempt is a GET plus an EVAL: never fewer than two round trips per decision.
		assertThat(commands).isGreaterThanOrEqualTo(2L * REQUESTS);
	}

	private long burst(BucketStore a, BucketStore b) {
		String key = "tollgate:test:{hot-" + UUID.randomUUID() + "}";
		BiFunction<BucketStore, Integer, CompletableFuture<Decision>> call = (store, i) -> store
			.tryConsume(key, this.spec, 1)
			.toCompletableFuture();
		List<CompletableFuture<Decision>> all = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			all.add(call.apply((i % 2 == 0) ? a : b, i));
		}
		return all.stream().map(CompletableFuture::join).filter(Decision::allowed).count();
	}

}
