package dev.tollgate.filters.observe;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last outcome of calls to each remote dependency the pipeline calls per request (an issuer's introspection
 * endpoint, an STS profile), for health: when it last answered, when and why it last failed, and how many calls
 * in a row have failed. Bounded by configuration (one entry per configured issuer or profile), lock-free.
 */
public final class DependencyCalls {

	/**
	 * One dependency's record.
	 *
	 * @param lastSuccess when a call last succeeded, or {@code null}
	 * @param lastFailure when a call last failed, or {@code null}
	 * @param lastFailureReason bounded reason of the last failure, or {@code null}
	 * @param failuresInARow calls failed since the last success
	 */
	public record Outcome(Instant lastSuccess, Instant lastFailure, String lastFailureReason, long failuresInARow) {

		/** Calls are failing now: the last call failed. */
		public boolean failing() {
			return this.failuresInARow > 0;
		}

	}

	private static final Outcome NONE = new Outcome(null, null, null, 0);

	private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

	private final Clock clock;

	public DependencyCalls(Clock clock) {
		this.clock = clock;
	}

	/** @param dependency e.g. {@code introspection:corp} or {@code sts:orders-sts} */
	public void succeeded(String dependency) {
		Instant now = this.clock.instant();
		this.outcomes.compute(dependency, (k, before) -> {
			Outcome b = (before != null) ? before : NONE;
			return new Outcome(now, b.lastFailure(), b.lastFailureReason(), 0);
		});
	}

	/** @param reason bounded, e.g. {@code timeout}, {@code http_status} */
	public void failed(String dependency, String reason) {
		Instant now = this.clock.instant();
		this.outcomes.compute(dependency, (k, before) -> {
			Outcome b = (before != null) ? before : NONE;
			return new Outcome(b.lastSuccess(), now, reason, b.failuresInARow() + 1);
		});
	}

	/** Every dependency called so far, by name. */
	public Map<String, Outcome> outcomes() {
		return new TreeMap<>(this.outcomes);
	}

}
