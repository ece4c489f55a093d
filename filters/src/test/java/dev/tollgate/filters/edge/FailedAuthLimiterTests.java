package dev.tollgate.filters.edge;

import java.net.InetAddress;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.util.NetUtil;
import org.junit.jupiter.api.Test;

import dev.tollgate.filters.core.RateLimited;
import dev.tollgate.filters.ratelimit.store.Limit;
import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class FailedAuthLimiterTests {

	private final MutableClock clock = MutableClock.at("2026-12-07T08:00:00Z");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FailedAuthLimiter limiter = new FailedAuthLimiter(Limit.parse("3/1m"), 1000, this.clock,
			this.registry);

	private static InetAddress ip(String literal) {
		return NetUtil.createInetAddressFromIpAddressString(literal);
	}

	private void fail(String address, int times) {
		for (int i = 0; i < times; i++) {
			this.limiter.recordFailure(ip(address));
		}
	}

	@Test
	void checkWhenFewerFailuresThanLimitThenNotBlocked() {
		fail("198.51.100.1", 2);
		assertThat(this.limiter.check(ip("198.51.100.1"))).isNull();
	}

	@Test
	void checkWhenLimitReachedThen429WithRetryAfterUntilWindowEnds() {
		fail("198.51.100.1", 3);
		this.clock.advance(Duration.ofSeconds(20));
		RateLimited refusal = this.limiter.check(ip("198.51.100.1"));
		assertThat(refusal).isNotNull();
		assertThat(refusal.status().value()).isEqualTo(429);
		assertThat(refusal.reason()).isEqualTo("failed_auth_limited");
		assertThat(refusal.headers()).containsEntry("Retry-After", "40");
		assertThat(this.registry.get("tollgate.edge.failed_auth").tag("outcome", "blocked").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.get("tollgate.edge.failed_auth").tag("outcome", "counted").counter().count())
			.isEqualTo(3);
	}

	@Test
	void checkWhenWindowOverThenUnblockedAndCountingStartsAgain() {
		fail("198.51.100.1", 3);
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(this.limiter.check(ip("198.51.100.1"))).isNull();
		fail("198.51.100.1", 2);
		assertThat(this.limiter.check(ip("198.51.100.1"))).isNull();
		fail("198.51.100.1", 1);
		assertThat(this.limiter.check(ip("198.51.100.1"))).isNotNull();
	}

	@Test
	void recordFailureWhenLimitReachedThenTrueOncePerWindow() {
		assertThat(this.limiter.recordFailure(ip("198.51.100.1"))).isFalse();
		assertThat(this.limiter.recordFailure(ip("198.51.100.1"))).isFalse();
		assertThat(this.limiter.recordFailure(ip("198.51.100.1"))).isTrue();
		assertThat(this.limiter.recordFailure(ip("198.51.100.1"))).isFalse();
	}

	@Test
	void checkWhenOtherAddressFailedThenThisOneUnaffected() {
		fail("198.51.100.1", 3);
		assertThat(this.limiter.check(ip("198.51.100.2"))).isNull();
	}

	// One host is usually given a whole /64: rotating through it must not reset the count.
	@Test
	void checkWhenIpv6AddressesShareA64ThenCountedTogether() {
		fail("2001:db8:1:2::1", 1);
		fail("2001:db8:1:2::ffff", 1);
		fail("2001:db8:1:2:abcd::9", 1);
		assertThat(this.limiter.check(ip("2001:db8:1:2::77"))).isNotNull();
		assertThat(this.limiter.check(ip("2001:db8:1:3::1"))).isNull();
	}

	@Test
	void checkWhenAddressUnknownThenNeverLimited() {
		this.limiter.recordFailure(null);
		assertThat(this.limiter.check(null)).isNull();
	}

	@Test
	void recordFailureWhenManyAddressesThenBoundedToMaxAddresses() {
		FailedAuthLimiter small = new FailedAuthLimiter(Limit.parse("3/1m"), 10, this.clock, this.registry);
		for (int i = 0; i < 100; i++) {
			small.recordFailure(ip("198.51.100." + i));
		}
		assertThat(small.trackedAddresses()).isLessThanOrEqualTo(10);
	}

}
