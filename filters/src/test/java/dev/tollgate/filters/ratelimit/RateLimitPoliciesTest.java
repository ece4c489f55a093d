package dev.tollgate.filters.ratelimit;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.config.InvalidConfigurationException;
import dev.tollgate.filters.ratelimit.store.BucketSpec;
import dev.tollgate.filters.ratelimit.store.Limit;
import dev.tollgate.testkit.TestSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateLimitPoliciesTest {

	/** Two policies and an override, as an operator would write them. */
	static TestSettings settings() {
		return TestSettings.under("tollgate.rate-limit")
			.set("policies.standard.limits", List.of("100/1m", "20/1s"))
			.set("policies.premium.limits", List.of("1000/1m"))
			.set("client-overrides.agent-x", "premium");
	}

	static RateLimitProperties properties() {
		return settings().bind(RateLimitProperties.class);
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
		RateLimitProperties properties = settings().set("policies.standard.limits", List.of("100/1m", "20/1x"))
			.bind(RateLimitProperties.class);

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimitPolicies.from(properties))
			.withMessageContaining("tollgate.rate-limit.policies.standard.limits[1]")
			.withMessageContaining("\"20/1x\"");
	}

	@Test
	void fromWhenOverrideNamesUnknownPolicyThenRejected() {
		RateLimitProperties properties = settings().set("client-overrides.agent-z", "platinum")
			.bind(RateLimitProperties.class);

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimitPolicies.from(properties))
			.withMessageContaining("tollgate.rate-limit.client-overrides.agent-z")
			.withMessageContaining("unknown policy \"platinum\"");
	}

	@Test
	void fromWhenPolicyHasNoLimitsThenRejected() {
		RateLimitProperties properties = settings().set("policies.empty.cost", 1).bind(RateLimitProperties.class);

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimitPolicies.from(properties))
			.withMessageContaining("tollgate.rate-limit.policies.empty.limits: at least one limit");
	}

	@Test
	void fromWhenTwoLimitsShareAWindowThenRejected() {
		RateLimitProperties properties = settings().set("policies.twice.limits", List.of("10/1m", "20/60s"))
			.bind(RateLimitProperties.class);

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimitPolicies.from(properties))
			.withMessageContaining("tollgate.rate-limit.policies.twice.limits")
			.withMessageContaining("window 60s");
	}

	@Test
	void fromWhenCostAboveSmallestLimitThenRejected() {
		RateLimitProperties properties = settings().set("policies.heavy.limits", List.of("100/1m", "20/1s"))
			.set("policies.heavy.cost", 25)
			.bind(RateLimitProperties.class);

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimitPolicies.from(properties))
			.withMessageContaining("tollgate.rate-limit.policies.heavy.cost")
			.withMessageContaining("was 25");
	}

	@Test
	void fromWhenSettingsOutOfRangeThenEveryProblemIsNamed() {
		RateLimitProperties properties = settings().set("instance-count", 0)
			.set("store-timeout", Duration.ZERO)
			.set("key-prefix", "tg:{rl}:")
			.bind(RateLimitProperties.class);

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
		RateLimitProperties properties = settings().set("policies.tiny.limits", "3/1m")
			.set("client-overrides.agent-t", "tiny")
			.bind(RateLimitProperties.class);
		RateLimitPolicies policies = RateLimitPolicies.from(properties);

		assertThat(policies.smallestCapacity(policies.policy("standard"))).isEqualTo(3);
	}

}
