package dev.tollgate.filters.ratelimit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tollgate.filters.config.ConfigurationProblems;
import dev.tollgate.filters.ratelimit.store.BucketSpec;
import dev.tollgate.filters.ratelimit.store.Limit;

/**
 * The policies of {@link RateLimitProperties}, parsed and checked once at startup, plus the client overrides. Every
 * problem is reported with the property it concerns, so an operator can fix the configuration in one go.
 */
public final class RateLimitPolicies {

	private static final String PREFIX = "tollgate.rate-limit.";

	private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private final Map<String, BucketSpec> policies;

	private final Map<String, Long> defaultCosts;

	private final Map<String, BucketSpec> overrides;

	private RateLimitPolicies(Map<String, BucketSpec> policies, Map<String, Long> defaultCosts,
			Map<String, BucketSpec> overrides) {
		this.policies = Map.copyOf(policies);
		this.defaultCosts = Map.copyOf(defaultCosts);
		this.overrides = Map.copyOf(overrides);
	}

	/**
	 * @throws dev.tollgate.filters.config.InvalidConfigurationException naming every invalid property
	 */
	public static RateLimitPolicies from(RateLimitProperties properties) {
		ConfigurationProblems problems = new ConfigurationProblems();
		check(properties, problems);
		problems.throwIfAny();
		Map<String, BucketSpec> policies = new LinkedHashMap<>();
		Map<String, Long> costs = new LinkedHashMap<>();
		properties.policies().forEach((name, policy) -> {
			policies.put(name, new BucketSpec(name, policy.limits().stream().map(Limit::parse).toList()));
			costs.put(name, policy.cost());
		});
		Map<String, BucketSpec> overrides = new LinkedHashMap<>();
		properties.clientOverrides().forEach((client, name) -> overrides.put(client, policies.get(name)));
		return new RateLimitPolicies(policies, costs, overrides);
	}

	/** Adds every configuration problem, each naming its property. */
	public static void check(RateLimitProperties properties, ConfigurationProblems problems) {
		properties.policies().forEach((name, policy) -> checkPolicy(name, policy, problems));
		properties.clientOverrides().forEach((client, name) -> {
			if (name == null || !properties.policies().containsKey(name)) {
				problems.add(PREFIX + "client-overrides." + client, "unknown policy \"" + name + "\"; known: "
						+ properties.policies().keySet());
			}
		});
		if (properties.storeTimeout() == null || properties.storeTimeout().isNegative()
				|| properties.storeTimeout().isZero()) {
			problems.add(PREFIX + "store-timeout", "must be positive, e.g. 250ms");
		}
		if (properties.instanceCount() < 1) {
			problems.add(PREFIX + "instance-count", "must be at least 1, was " + properties.instanceCount());
		}
		String prefix = properties.keyPrefix();
		if (prefix == null || prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
			problems.add(PREFIX + "key-prefix", "must be set and contain no braces (they would break the cluster "
					+ "hash tag), was \"" + prefix + "\"");
		}
		if (properties.localMaxBuckets() < 1) {
			problems.add(PREFIX + "local-max-buckets", "must be at least 1");
		}
		if (properties.clientTagLimit() < 0) {
			problems.add(PREFIX + "client-tag-limit", "must not be negative");
		}
		if (properties.unavailableRetryAfter() == null || properties.unavailableRetryAfter().isNegative()) {
			problems.add(PREFIX + "unavailable-retry-after", "must not be negative");
		}
		if (properties.fallbackLogInterval() == null || properties.fallbackLogInterval().isNegative()) {
			problems.add(PREFIX + "fallback-log-interval", "must not be negative");
		}
		RateLimitProperties.Lease lease = properties.lease();
		if (!(lease.maxFraction() >= 0 && lease.maxFraction() <= 1)) {
			problems.add(PREFIX + "lease.max-fraction", "must be between 0 and 1, was " + lease.maxFraction());
		}
		if (lease.maxTokens() < 1) {
			problems.add(PREFIX + "lease.max-tokens", "must be at least 1, was " + lease.maxTokens());
		}
		if (lease.ttl() == null || lease.ttl().isNegative() || lease.ttl().isZero()) {
			problems.add(PREFIX + "lease.ttl", "must be positive, e.g. 500ms");
		}
	}

	private static void checkPolicy(String name, RateLimitProperties.Policy policy, ConfigurationProblems problems) {
		String property = PREFIX + "policies." + name;
		if (!VALID_NAME.matcher(name).matches()) {
			problems.add(property, "a policy name is 1-64 letters, digits, '.', '_' or '-' (it is sent in the "
					+ "RateLimit-Policy header)");
		}
		if (policy.limits() == null || policy.limits().isEmpty()) {
			problems.add(property + ".limits", "at least one limit is required, e.g. [\"100/1m\"]");
			return;
		}
		List<Limit> limits = new ArrayList<>();
		for (int i = 0; i < policy.limits().size(); i++) {
			try {
				limits.add(Limit.parse(policy.limits().get(i)));
			}
			catch (IllegalArgumentException ex) {
				problems.add(property + ".limits[" + i + "]", ex.getMessage());
			}
		}
		if (limits.size() != policy.limits().size()) {
			return;
		}
		try {
			BucketSpec spec = new BucketSpec(name, limits);
			if (policy.cost() < 1 || policy.cost() > spec.minCapacity()) {
				problems.add(property + ".cost", "must be between 1 and the smallest limit (" + spec.minCapacity()
						+ "), was " + policy.cost());
			}
		}
		catch (IllegalArgumentException ex) {
			problems.add(property + ".limits", ex.getMessage());
		}
	}

	/**
	 * @throws IllegalArgumentException when no policy has that name
	 */
	public BucketSpec policy(String name) {
		BucketSpec spec = this.policies.get(name);
		if (spec == null) {
			throw new IllegalArgumentException(
					"unknown rate-limit policy \"" + name + "\"; known: " + this.policies.keySet());
		}
		return spec;
	}

	/** The default cost of a request under the named policy. */
	public long defaultCost(String name) {
		return this.defaultCosts.get(policy(name).name());
	}

	/** The policy that applies to {@code clientId}: its override, else the route's. */
	public BucketSpec forClient(BucketSpec routePolicy, String clientId) {
		return this.overrides.getOrDefault(clientId, routePolicy);
	}

	/**
	 * The smallest capacity any caller of a route with this policy can meet: the policy's own and every override's.
	 * A route cost above it could never be paid by some client.
	 */
	public long smallestCapacity(BucketSpec routePolicy) {
		long min = routePolicy.minCapacity();
		for (BucketSpec override : this.overrides.values()) {
			min = Math.min(min, override.minCapacity());
		}
		return min;
	}

	public Set<String> names() {
		return this.policies.keySet();
	}

}
