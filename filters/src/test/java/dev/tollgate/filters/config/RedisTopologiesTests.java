package dev.tollgate.filters.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import dev.tollgate.redis.RedisTopology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisTopologiesTests {

	private final MockEnvironment environment = new MockEnvironment();

	private TollgateRedisProperties tollgate() {
		return Binder.get(this.environment)
			.bindOrCreate("tollgate.redis", TollgateRedisProperties.class);
	}

	@Test
	void configuredWhenNothingSetThenFalseAndStoresStayInMemory() {
		assertThat(RedisTopologies.configured(this.environment)).isFalse();
	}

	@Test
	void resolveWhenOnlySpringBootHostAndPasswordThenStandaloneWithThem() {
		this.environment.setProperty("spring.data.redis.host", "cache.internal");
		this.environment.setProperty("spring.data.redis.port", "6380");
		this.environment.setProperty("spring.data.redis.password", "from-boot");
		this.environment.setProperty("spring.data.redis.ssl.enabled", "true");
		assertThat(RedisTopologies.configured(this.environment)).isTrue();
		RedisTopology topology = RedisTopologies.resolve(tollgate(), this.environment);
		assertThat(topology.describe()).isEqualTo("standalone rediss://cache.internal:6380");
		assertThat(new String(topology.nodes().get(0).getPassword())).isEqualTo("from-boot");
	}

	@Test
	void resolveWhenSpringBootClusterNodesThenCluster() {
		this.environment.setProperty("spring.data.redis.cluster.nodes", "10.0.0.1:7000,10.0.0.2:7000");
		RedisTopology topology = RedisTopologies.resolve(tollgate(), this.environment);
		assertThat(topology.kind()).isEqualTo(RedisTopology.Kind.CLUSTER);
		assertThat(topology.nodes()).hasSize(2);
	}

	@Test
	void resolveWhenSpringBootSentinelThenSentinelTopology() {
		this.environment.setProperty("spring.data.redis.sentinel.master", "primary");
		this.environment.setProperty("spring.data.redis.sentinel.nodes", "s1:26379,s2:26379");
		assertThat(RedisTopologies.resolve(tollgate(), this.environment).describe())
			.isEqualTo("sentinel redis://s1:26379,s2:26379#primary");
	}

	@Test
	void resolveWhenTollgateUrlAndSpringBootBothSetThenTollgateWins() {
		this.environment.setProperty("tollgate.redis.url", "redis://mine:6379");
		this.environment.setProperty("spring.data.redis.host", "theirs");
		assertThat(RedisTopologies.resolve(tollgate(), this.environment).describe())
			.isEqualTo("standalone redis://mine:6379");
	}

	@Test
	void resolveWhenUrlAndClusterNodesBothSetThenStartupErrorNamingTheProperty() {
		this.environment.setProperty("tollgate.redis.url", "redis://a:6379");
		this.environment.setProperty("tollgate.redis.cluster.nodes", "b:7000");
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RedisTopologies.resolve(tollgate(), this.environment))
			.satisfies(ex -> assertThat(ex.properties()).containsExactly("tollgate.redis.cluster.nodes"));
	}

	@Test
	void resolveWhenUrlMalformedThenStartupErrorNamingThePropertyWithoutThePassword() {
		this.environment.setProperty("tollgate.redis.url", "redis://user:hunter2@");
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RedisTopologies.resolve(tollgate(), this.environment))
			.satisfies(ex -> {
				assertThat(ex.properties()).containsExactly("tollgate.redis.url");
				assertThat(ex.getMessage()).doesNotContain("hunter2");
			});
	}

}
