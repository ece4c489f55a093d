package dev.tollgate.filters.policy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.tollgate.filters.observe.MeterCache;

/**
 * {@code tollgate.policy.evaluations}: one count per evaluation, tagged policy, mode, result ({@code allow},
 * {@code deny}, {@code error}) and cause. Every tag is bounded: policy names come from configuration, the rest are
 * fixed sets; nothing of the caller goes into a tag.
 */
public final class PolicyMetrics {

	private final MeterCache<Tags, Counter> counters;

	public PolicyMetrics(MeterRegistry registry) {
		this.counters = new MeterCache<>((t) -> Counter.builder("tollgate.policy.evaluations")
			.description("Route policy evaluations")
			.tag("policy", t.policy)
			.tag("mode", t.mode)
			.tag("result", t.result)
			.tag("cause", t.cause)
			.register(registry));
	}

	void count(CompiledPolicy policy, PolicyVerdict verdict) {
		this.counters.get(new Tags(policy.name(), policy.mode().tag(), verdict.result(), verdict.cause())).increment();
	}

	private record Tags(String policy, String mode, String result, String cause) {
	}

}
