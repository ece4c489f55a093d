package dev.tollgate.filters.ratelimit.store;

import java.util.ArrayList;
import java.util.List;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;


/**
 * What a {@link BucketStore} decided for one request.
 *
 * @param allowed whether the cost was taken from every limit
 * @param remaining the whole units left in each limit after the decision, in the order of
 * {@link BucketSpec#limits()}
 * @param retryAfterNanos when refused: nanoseconds until the same cost would fit; 0 when allowed
 */
public record Decision(boolean allowed, List<Long> remaining, long retryAfterNanos) {

	public Decision {
		remaining = List.copyOf(remaining);
	}

	/** From a bucket4j verbose probe, whose diagnostics carry the tokens left in each bandwidth. */
	static Decision of(VerboseResult<ConsumptionProbe> result) {
		ConsumptionProbe probe = result.getValue();
		long[] perLimit = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
		List<Long> remaining = new ArrayList<>(perLimit.length);
		for (long available : perLimit) {
			remaining.add(Math.max(0, available));
		}
		return new Decision(probe.isConsumed(), remaining, probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill());
	}

}
