package dev.tollgate.filters.ratelimit;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.config.InvalidConfigurationException;
import dev.tollgate.filters.ratelimit.store.BucketSpec;
import dev.tollgate.filters.ratelimit.store.Limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateLimitPoliciesTest {

	static RateLimitProperties properties() {
		RateLimitProperties properties = new RateLimitProperties();
		properties.getPolicies().put("standard", policy(1, "100/1m", "20/1s"));
		properties.getPolicies().put("premium", policy(1, "1000/1m"));
		properties.getClientOverrides().put("agent-x", "premium");
		return properties;
	}

	static RateLimitProperties.Policy policy(long cost, String... limits) {
		RateLimitProperties.Policy policy = new RateLimitProperties.Policy();
		policy.setLimits(List.of(limits));
		policy.setCost(cost);
		return policy;
	}

	@Test
	void fromWhenValidThenPoliciesAndOverridesResolve() {
		RateLimitPolicies policies = RateLimitPolicies.from(properties());

		BucketSpec standard = policies.policy("standard");
		assertThat(standard.limits()).containsExactly(new Limit(100, Duration.ofMinutes(1)),
				new Limit(20, Duration.ofSeconds(1)));
		assertThat(policies.forClient(standard, "agent-x").name()).isEqualTo("premium");
		assertThat(policies.forClient(standard, "agent-y")).isSameAs(standard);
		assertThat(policies.defaultCost("standard")).isEqualTo(1);
	}

	@Test
	void fromWhenLimitMalformedThenMessageNamesPolicyAndEntry() {
		RateLimitProperties properties = properties();
		properties.getPolicies().put("standard", policy(1, "100/1m", "20/1x"));

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimitPolicies.from(properties))
			.withMessageContaining("tollgate.rate-limit.policies.standard.limits[1]")
			.withMessageContaining("\"20/1x\"");
	}

	@Test
	void fromWhenOverrideNamesUnknownPolicyThenRejected() {
		RateLimitProperties properties = properties();
		properties.getClientOverrides().put("agent-z", "platinum");

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimitPolicies.from(properties))
			.withMessageContaining("tollgate.rate-limit.client-overrides.agent-z")
			.withMessageContaining("unknown policy \"platinum\"");
	}

	@Test
	void fromWhenPolicyHasNoLimitsThenRejected() {
		RateLimitProperties properties = properties();
		properties.getPolicies().put("empty", policy(1));

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimitPolicies.from(properties))
			.withMessageContaining("tollgate.rate-limit.policies.empty.limits: at least one limit");
	}

	@Test
	void fromWhenTwoLimitsShareAWindowThenRejected() {
		RateLimitProperties properties = properties();
		properties.getPolicies().put("twice", policy(1, "10/1m", "20/60s"));

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimitPolicies.from(properties))
			.withMessageContaining("tollgate.rate-limit.policies.twice.limits")
			.withMessageContaining("window 60s");
	}

	@Test
	void fromWhenCostAboveSmallestLimitThenRejected() {
		RateLimitProperties properties = properties();
		properties.getPolicies().put("heavy", policy(25, "100/1m", "20/1s"));

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimitPolicies.from(properties))
			.withMessageContaining("tollgate.rate-limit.policies.heavy.cost")
			.withMessageContaining("was 25");
	}

	@Test
	void fromWhenSettingsOutOfRangeThenEveryProblemIsNamed() {
		RateLimitProperties properties = properties();
		properties.setInstanceCount(0);
		properties.setStoreTimeout(Duration.ZERO);
		properties.setKeyPrefix("tg:{rl}:");

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimitPolicies.from(properties))
			.withMessageContaining("tollgate.rate-limit.instance-count")
			.withMessageContaining("tollgate.rate-limit.store-timeout")
			.withMessageContaining("tollgate.rate-limit.key-prefix");
	}

	@Test
	void policyWhenUnknownThenMessageListsKnownNames() {
		RateLimitPolicies policies = RateLimitPolicies.from(properties());

		assertThatIllegalArgumentException().isThrownBy(() -> policies.policy("gold"))
			.withMessageContaining("unknown rate-limit policy \"gold\"")
			.withMessageContaining("standard");
	}

	@Test
	void smallestCapacityWhenOverridesExistThenCoversThem() {
		RateLimitProperties properties = properties();
		properties.getPolicies().put("tiny", policy(1, "3/1m"));
		properties.getClientOverrides().put("agent-t", "tiny");
		RateLimitPolicies policies = RateLimitPolicies.from(properties);

		assertThat(policies.smallestCapacity(policies.policy("standard"))).isEqualTo(3);
	}

}
