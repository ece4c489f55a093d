package dev.tollgate.filters.binding.dpop;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Remembers DPoP proofs already used (RFC 9449 §11.1), across every gateway instance sharing the store. A narrow
 * port: one atomic "set if absent, with expiry". {@link RedisProofReplayCache} for several instances,
 * {@link InMemoryProofReplayCache} for one instance without Redis. One contract test suite runs against both.
 */
public interface ProofReplayCache {

	/**
	 * Record a proof's first use.
	 * @param key the proof's replay key ({@link ReplayKeys}), at most a few hundred characters
	 * @param ttl how long to remember it; after that the proof's {@code iat} no longer passes anyway
	 * @return {@code true} on first use, {@code false} when the key was seen within its ttl; fails when the store
	 * cannot answer (the caller applies its failure policy). Never blocks.
	 */
	CompletionStage<Boolean> firstUse(String key, Duration ttl);

}
