package dev.tollgate.filters.authn.jwks;

import java.time.Duration;
import java.util.Objects;

/**
 * How one issuer's key set is fetched and kept fresh.
 *
 * @param refreshInterval how long a key set is used before a background refresh, and the upper bound for a
 * {@code Cache-Control: max-age} from the JWKS endpoint
 * @param minRefetchInterval the least time between two fetches, whatever triggers them; also the lower bound for
 * {@code max-age}. An unknown {@code kid} within this interval is refused without a fetch.
 * @param fetchTimeout the longest one fetch (discovery included) may take
 * @param fetchRetries extra attempts within one fetch, with a short backoff, for transient failures
 */
public record JwksSettings(Duration refreshInterval, Duration minRefetchInterval, Duration fetchTimeout,
		int fetchRetries) {

	/** While no key set has ever been fetched, failed fetches are retried at most this often. */
	static final Duration INITIAL_RETRY_INTERVAL = Duration.ofSeconds(5);

	public JwksSettings {
		Objects.requireNonNull(refreshInterval, "refreshInterval");
		Objects.requireNonNull(minRefetchInterval, "minRefetchInterval");
		Objects.requireNonNull(fetchTimeout, "fetchTimeout");
	}

	public static JwksSettings defaults() {
		return new JwksSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(5), 1);
	}

	/** The refresh interval for a {@code max-age} the endpoint sent (or {@code null}), kept within bounds. */
	Duration refreshAfter(Duration maxAge) {
		if (maxAge == null || maxAge.isZero() || maxAge.isNegative()) {
			return this.refreshInterval;
		}
		if (maxAge.compareTo(this.minRefetchInterval) < 0) {
			return this.minRefetchInterval;
		}
		return (maxAge.compareTo(this.refreshInterval) > 0) ? this.refreshInterval : maxAge;
	}

	/** Gap between attempts while no key set exists yet. */
	Duration initialRetryInterval() {
		return (this.minRefetchInterval.compareTo(INITIAL_RETRY_INTERVAL) < 0) ? this.minRefetchInterval
				: INITIAL_RETRY_INTERVAL;
	}

}
