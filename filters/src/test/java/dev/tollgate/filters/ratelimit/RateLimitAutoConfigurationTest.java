package dev.tollgate.filters.ratelimit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tollgate.filters.authz.AuthorizeGatewayFilterFactory;
import dev.tollgate.filters.autoconfigure.TollgateFiltersAutoConfiguration;
import dev.tollgate.filters.ratelimit.store.Bucket4jCasBucketStore;
import dev.tollgate.filters.ratelimit.store.BucketStore;
import dev.tollgate.filters.ratelimit.store.InMemoryBucketStore;
import dev.tollgate.filters.ratelimit.store.LeasingBucketStore;
import dev.tollgate.filters.ratelimit.store.LuaBucketStore;
import dev.tollgate.filters.upstream.UpstreamTokenGatewayFilterFactory;
import dev.tollgate.redis.RedisConnector;
import dev.tollgate.testkit.RedisHarness;
import dev.tollgate.filters.autoconfigure.RateLimitAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateLimitAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TollgateFiltersAutoConfiguration.class, RateLimitAutoConfiguration.class))
		.withPropertyValues("tollgate.rate-limit.policies.standard.limits[0]=100/1m",
				"tollgate.rate-limit.policies.standard.limits[1]=20/1s");

	@Test
	void orderWhenInThePipelineThenAfterAuthorizeAndBeforeTheUpstreamToken() {
		assertThat(ClientRateLimitGatewayFilterFactory.ORDER).isGreaterThan(AuthorizeGatewayFilterFactory.ORDER)
			.isLessThan(UpstreamTokenGatewayFilterFactory.ORDER);
	}

	@Test
	void contextWhenNoRedisThenInMemoryStoreAndNoRedisClient() {
		this.runner.run(context -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(RedisConnector.class);
			assertThat(context.getBean(RateLimitStores.class).shared()).isInstanceOf(InMemoryBucketStore.class);
			assertThat(context).hasSingleBean(ClientRateLimitGatewayFilterFactory.class);
		});
	}

	@Test
	void contextWhenRedisUrlThenLeasesFromLuaStoreByDefaultAndCasWhenChosen() {
		String url = "tollgate.redis.url=" + RedisHarness.shared().uri();
		this.runner.withPropertyValues(url).run(context -> {
			assertThat(context).hasSingleBean(RedisConnector.class);
			BucketStore shared = context.getBean(RateLimitStores.class).shared();
			assertThat(shared).isInstanceOf(LeasingBucketStore.class);
			assertThat(((LeasingBucketStore) shared).delegate()).isInstanceOf(LuaBucketStore.class);
		});
		this.runner.withPropertyValues(url, "tollgate.rate-limit.redis-engine=cas")
			.run(context -> assertThat(((LeasingBucketStore) context.getBean(RateLimitStores.class).shared()).delegate())
				.isInstanceOf(Bucket4jCasBucketStore.class));
		this.runner.withPropertyValues(url, "tollgate.rate-limit.lease.enabled=false")
			.run(context -> assertThat(context.getBean(RateLimitStores.class).shared())
				.isInstanceOf(LuaBucketStore.class));
	}

	@Test
	void contextWhenLeaseSettingsOutOfRangeThenStartupFailsNamingTheProperty() {
		this.runner.withPropertyValues("tollgate.rate-limit.lease.max-fraction=1.5", "tollgate.rate-limit.lease.ttl=0s")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("tollgate.rate-limit.lease.max-fraction: must be between 0 and 1, was 1.5")
				.hasMessageContaining("tollgate.rate-limit.lease.ttl: must be positive"));
	}

	@Test
	void contextWhenLimitMalformedThenStartupFailsNamingPolicyAndEntry() {
		this.runner.withPropertyValues("tollgate.rate-limit.policies.standard.limits[1]=20 per second")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("tollgate.rate-limit.policies.standard.limits[1]")
				.hasMessageContaining("\"20 per second\""));
	}

	@Test
	void contextWhenOverrideNamesUnknownPolicyThenStartupFails() {
		this.runner.withPropertyValues("tollgate.rate-limit.client-overrides.agent-x=gold")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("tollgate.rate-limit.client-overrides.agent-x")
				.hasMessageContaining("unknown policy \"gold\""));
	}

	@Test
	void applyWhenRouteNamesUnknownPolicyOrImpossibleCostThenMessageNamesRoute() {
		this.runner.run(context -> {
			ClientRateLimitGatewayFilterFactory factory = context.getBean(ClientRateLimitGatewayFilterFactory.class);
			ClientRateLimitGatewayFilterFactory.Config unknown = new ClientRateLimitGatewayFilterFactory.Config()
				.setPolicy("gold");
			unknown.setRouteId("orders");
			ClientRateLimitGatewayFilterFactory.Config tooCostly = new ClientRateLimitGatewayFilterFactory.Config()
				.setPolicy("standard")
				.setCost(21L);
			tooCostly.setRouteId("orders");

			assertThatIllegalArgumentException().isThrownBy(() -> factory.apply(unknown))
				.withMessageContaining("route orders")
				.withMessageContaining("unknown rate-limit policy \"gold\"");
			assertThatIllegalArgumentException().isThrownBy(() -> factory.apply(tooCostly))
				.withMessageContaining("cost must be between 1 and 20");
		});
	}

}
