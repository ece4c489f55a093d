package dev.tollgate.filters.binding.dpop;

/** What a DPoP-protected request gets while the replay cache cannot answer. */
public enum ReplayFailurePolicy {

	/** 503 with {@code Retry-After}: no proof is accepted unchecked for replay (the default). */
	DENY,
	/** Accept the otherwise valid proof unchecked for replay, counted as a {@code fallback} decision. */
	ALLOW

}
