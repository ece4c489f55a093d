package dev.tollgate.filters.ratelimit.store;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class BucketKeysTest {

	private final BucketKeys keys = new BucketKeys("tollgate:rl:");

	private final BucketSpec spec = new BucketSpec("standard", List.of(Limit.parse("100/1m")));

	private final BucketStore store = new InMemoryBucketStore(MutableClock.startingNow(), 10, "redis-lua");

	@Test
	void keyWhenPlainIdsThenHashTaggedRouteAndClient() {
		String key = this.keys.key("orders", "agent-x", this.spec, this.store);

		assertThat(key).startsWith("tollgate:rl:{orders.agent-x}:redis-lua:");
		assertThat(hashTag(key)).isEqualTo("orders.agent-x");
	}

	@Test
	void keyWhenIdsContainSeparatorThenPairsStayDistinct() {
		String a = this.keys.key("a", "b.c", this.spec, this.store);
		String b = this.keys.key("a.b", "c", this.spec, this.store);

		assertThat(a).isNotEqualTo(b);
	}

	@Test
	void keyWhenClientIdContainsBracesThenHashTagCoversRouteAndClient() {
		String key = this.keys.key("orders", "evil}{x", this.spec, this.store);

		assertThat(hashTag(key)).isEqualTo("orders.evil%7D%7Bx");
	}

	@Test
	void keyWhenClientIdVeryLongThenHashedToBoundedLength() {
		String key = this.keys.key("orders", "c".repeat(10_000), this.spec, this.store);

		assertThat(key).hasSizeLessThan(120).contains("sha256-");
	}

	@Test
	void keyWhenPolicyChangesThenKeyChanges() {
		BucketSpec other = new BucketSpec("standard", List.of(Limit.parse("200/1m")));

		assertThat(this.keys.key("orders", "agent-x", other, this.store))
			.isNotEqualTo(this.keys.key("orders", "agent-x", this.spec, this.store));
	}

	/** What Redis Cluster hashes: the text between the first '{' and the next '}'. */
	private static String hashTag(String key) {
		int open = key.indexOf('{');
		return key.substring(open + 1, key.indexOf('}', open + 1));
	}

}
