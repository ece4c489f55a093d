package dev.tollgate.filters.ratelimit;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.ratelimit.store.BucketKeys;
import dev.tollgate.filters.ratelimit.store.BucketSpec;
import dev.tollgate.filters.ratelimit.store.BucketStore;
import dev.tollgate.filters.ratelimit.store.InMemoryBucketStore;
import dev.tollgate.filters.ratelimit.store.Limit;
import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class KeyMemoTests {

	private final BucketKeys keys = new BucketKeys("tollgate:rl:");

	private final BucketStore store = new InMemoryBucketStore(MutableClock.startingNow(), 10, "redis-lua");

	private final KeyMemo memo = new KeyMemo(this.keys, this.store);

	private final BucketSpec standard = new BucketSpec("standard", List.of(Limit.parse("100/1m")));

	private final BucketSpec premium = new BucketSpec("premium", List.of(Limit.parse("1000/1m")));

	@Test
	void keyWhenAskedAgainThenTheSameStringIsReturnedNotBuiltAgain() {
		String first = this.memo.key("orders", "agent-x", this.standard);

		assertThat(this.memo.key("orders", "agent-x", this.standard)).isSameAs(first);
		assertThat(first).isEqualTo(this.keys.key("orders", "agent-x", this.standard, this.store));
	}

	@Test
	void keyWhenRouteClientOrPolicyDiffersThenTheKeyBucketKeysBuildsForIt() {
		assertThat(this.memo.key("billing", "agent-x", this.standard))
			.isEqualTo(this.keys.key("billing", "agent-x", this.standard, this.store));
		assertThat(this.memo.key("orders", "agent-y", this.standard))
			.isEqualTo(this.keys.key("orders", "agent-y", this.standard, this.store));
		assertThat(this.memo.key("orders", "agent-x", this.premium))
			.isEqualTo(this.keys.key("orders", "agent-x", this.premium, this.store))
			.isNotEqualTo(this.memo.key("orders", "agent-x", this.standard));
	}

}
