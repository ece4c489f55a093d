package dev.tollgate.filters.ratelimit.store;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;


/**
 * A resolved, immutable rate-limit policy: its name and its limits, all enforced together (a request passes only if
 * every limit has room). Built once at startup.
 */
public final class BucketSpec {

	private final String name;

	private final List<Limit> limits;

	private final long minCapacity;

	private final String fingerprint;

	private final BucketConfiguration bucket4j;

	/**
	 * @param name the policy name, used in {@code RateLimit-Policy} and metrics
	 * @param limits one or more limits with distinct windows
	 */
	public BucketSpec(String name, List<Limit> limits) {
		this.name = Objects.requireNonNull(name, "name");
		this.limits = List.copyOf(limits);
		if (this.limits.isEmpty()) {
			throw new IllegalArgumentException("policy \"" + name + "\" needs at least one limit");
		}
		Set<Long> windows = new HashSet<>();
		for (Limit limit : this.limits) {
			if (!windows.add(limit.windowSeconds())) {
				throw new IllegalArgumentException("policy \"" + name + "\" has two limits with the window "
						+ limit.windowSeconds() + "s; combine them into one");
			}
		}
		this.minCapacity = this.limits.stream().mapToLong(Limit::capacity).min().getAsLong();
		String canonical = this.limits.stream().map(Limit::toString).collect(Collectors.joining(","));
		// Short and stable: part of the Redis key, so a changed policy starts from fresh buckets.
		this.fingerprint = Integer.toHexString(canonical.hashCode());
		ConfigurationBuilder builder = BucketConfiguration.builder();
		for (Limit limit : this.limits) {
			builder.addLimit(Bandwidth.builder()
				.capacity(limit.capacity())
				.refillGreedy(limit.capacity(), limit.window())
				.build());
		}
		this.bucket4j = builder.build();
	}

	public String name() {
		return this.name;
	}

	public List<Limit> limits() {
		return this.limits;
	}

	/** The smallest capacity among the limits: the largest cost a single request can ever have. */
	public long minCapacity() {
		return this.minCapacity;
	}


	/** A short hash of the limits, used in storage keys. */
	public String fingerprint() {
		return this.fingerprint;
	}

	/** The longest window; a bucket idle for that long is full again and can be forgotten. */
	public java.time.Duration longestWindow() {
		return this.limits.stream().map(Limit::window).max(java.time.Duration::compareTo).orElseThrow();
	}

	/** The same policy shrunk for one of {@code instances} gateways (local fallback). */
	public BucketSpec perInstance(int instances) {
		if (instances <= 1) {
			return this;
		}
		return new BucketSpec(this.name, this.limits.stream().map(l -> l.perInstance(instances)).toList());
	}

	public BucketConfiguration bucket4j() {
		return this.bucket4j;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof BucketSpec spec && spec.name.equals(this.name) && spec.limits.equals(this.limits);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.limits);
	}

	@Override
	public String toString() {
		return this.name + this.limits;
	}

}
