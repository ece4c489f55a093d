package dev.tollgate.redis;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedisTopologyTests {

	@Test
	void fromUrlWhenPlainOrTlsThenStandaloneWithAclUser() {
		RedisTopology tls = RedisTopology.fromUrl("rediss://gateway:s3cret@redis.internal:6380/2",
				RedisTopology.Credentials.NONE);
		assertThat(tls.kind()).isEqualTo(RedisTopology.Kind.STANDALONE);
		assertThat(tls.nodes().get(0).isSsl()).isTrue();
		assertThat(tls.nodes().get(0).getUsername()).isEqualTo("gateway");
		assertThat(tls.nodes().get(0).getDatabase()).isEqualTo(2);
		assertThat(tls.describe()).isEqualTo("standalone rediss://redis.internal:6380").doesNotContain("s3cret");
		assertThat(tls.toString()).doesNotContain("s3cret");
	}

	@Test
	void fromUrlWhenSentinelThenSentinelTopologyFollowingThePrimary() {
		RedisTopology sentinel = RedisTopology.fromUrl("redis-sentinel://s1:26379,s2:26379#primary",
				RedisTopology.Credentials.NONE);
		assertThat(sentinel.kind()).isEqualTo(RedisTopology.Kind.SENTINEL);
		assertThat(sentinel.describe()).isEqualTo("sentinel redis://s1:26379,s2:26379#primary");
	}

	@Test
	void clusterWhenSeedsWithAndWithoutSchemeThenTlsFlagAppliesToBareOnes() {
		RedisTopology cluster = RedisTopology.cluster(List.of("10.0.0.1:7000", "redis://10.0.0.2:7001"), true,
				new RedisTopology.Credentials("gateway", "from-secret"));
		assertThat(cluster.kind()).isEqualTo(RedisTopology.Kind.CLUSTER);
		assertThat(cluster.nodes()).extracting(uri -> uri.isSsl()).containsExactly(true, false);
		assertThat(cluster.nodes()).allSatisfy(uri -> {
			assertThat(uri.getUsername()).isEqualTo("gateway");
			assertThat(new String(uri.getPassword())).isEqualTo("from-secret");
		});
		assertThat(cluster.describe()).doesNotContain("from-secret");
	}

	@Test
	void credentialsWhenGivenApartThenOverrideTheUrlsPasswordButKeepItsUser() {
		RedisTopology topology = RedisTopology.fromUrl("redis://app:old@h:6379",
				new RedisTopology.Credentials(null, "new"));
		assertThat(topology.nodes().get(0).getUsername()).isEqualTo("app");
		assertThat(new String(topology.nodes().get(0).getPassword())).isEqualTo("new");
		assertThat(new RedisTopology.Credentials("u", "p").toString()).doesNotContain("=p");
	}

	@Test
	void fromUrlWhenMalformedThenErrorWithoutThePassword() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisTopology.fromUrl("redis://u:hunter2@", RedisTopology.Credentials.NONE))
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("hunter2"));
		assertThatIllegalArgumentException().isThrownBy(() -> RedisTopology.fromUrl(" ", RedisTopology.Credentials.NONE))
			.withMessageContaining("empty");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisTopology.cluster(List.of("redis-sentinel://s:26379#m"), false,
					RedisTopology.Credentials.NONE))
			.withMessageContaining("Sentinel");
	}

}
