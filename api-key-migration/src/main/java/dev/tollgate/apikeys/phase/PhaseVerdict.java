package dev.tollgate.apikeys.phase;

import java.util.Map;

/**
 * What the migration phases say about one accepted-so-far key on one route.
 *
 * @param phase the effective phase (stricter of key and route; reject once a sunset has passed)
 * @param refusal why the key is refused, {@code null} when it is accepted
 * @param headers headers for the response, accepted or refused ({@code Deprecation}, {@code Sunset}, {@code Link})
 */
public record PhaseVerdict(Phase phase, Refusal refusal, Map<String, String> headers) {

	/** Why a valid key is refused by its phase. */
	public enum Refusal {

		/** Brownout phase inside a brownout window. */
		BROWNOUT,
		/** Reject phase. */
		RETIRED,
		/** The sunset date has passed. */
		SUNSET

	}

	public PhaseVerdict {
		headers = Map.copyOf(headers);
	}

	public boolean accepted() {
		return this.refusal == null;
	}

}
