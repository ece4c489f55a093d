package dev.tollgate.filters.authn;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class FailedCredentialCacheTests {

	private static final CallerFault FAULT = CallerFault.invalidToken("api_key_rejected", "The API key is not valid.");

	private final MutableClock clock = MutableClock.at("2026-12-07T08:00:00Z");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FailedCredentialCache cache = new FailedCredentialCache("api-key", Duration.ofSeconds(30), 100,
			this.clock, this.registry);

	@Test
	void getWhenFailureStoredThenSameFaultAndCountedAsHit() {
		this.cache.put("h1", FAULT, this.cache.generation());
		assertThat(this.cache.get("h1")).isSameAs(FAULT);
		assertThat(this.cache.get("h2")).isNull();
		assertThat(this.registry.get("tollgate.authn.failed_credentials").tags("kind", "api-key", "outcome", "hit")
			.counter().count()).isEqualTo(1);
		assertThat(this.registry.get("tollgate.authn.failed_credentials").tags("kind", "api-key", "outcome", "stored")
			.counter().count()).isEqualTo(1);
	}

	// The documented bound: a credential that becomes valid is refused from the cache for at most the TTL.
	@Test
	void getWhenTtlPassedThenForgotten() {
		this.cache.put("h1", FAULT, this.cache.generation());
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(this.cache.get("h1")).isSameAs(FAULT);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.cache.get("h1")).isNull();
	}

	@Test
	void clearWhenKeyChangedThenEverythingForgotten() {
		this.cache.put("h1", FAULT, this.cache.generation());
		this.cache.clear();
		assertThat(this.cache.get("h1")).isNull();
	}

	// A lookup that started before a key change may have read the old state: its failure is not remembered.
	@Test
	void putWhenClearedSinceLookupStartedThenNotStored() {
		long generation = this.cache.generation();
		this.cache.clear();
		this.cache.put("h1", FAULT, generation);
		assertThat(this.cache.get("h1")).isNull();
	}

	@Test
	void putWhenManyFailuresThenBoundedToMaxEntries() {
		FailedCredentialCache small = new FailedCredentialCache("bearer", Duration.ofSeconds(30), 10, this.clock,
				this.registry);
		for (int i = 0; i < 100; i++) {
			small.put("h" + i, FAULT, small.generation());
		}
		assertThat(small.size()).isLessThanOrEqualTo(10);
	}

	@Test
	void getWhenDisabledThenNothingRemembered() {
		FailedCredentialCache off = new FailedCredentialCache("bearer", Duration.ZERO, 100, this.clock, this.registry);
		off.put("h1", FAULT, off.generation());
		assertThat(off.get("h1")).isNull();
	}

}
