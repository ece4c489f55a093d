package dev.tollgate.filters.binding.dpop;

import java.time.Instant;

/**
 * A DPoP proof that passed every check of RFC 9449 §4.3 but the replay check, which needs the shared cache.
 *
 * @param jkt the RFC 7638 thumbprint of the proof key
 * @param jti the proof's unique identifier (bounded length)
 * @param iat when the proof says it was made
 */
public record VerifiedProof(String jkt, String jti, Instant iat) {
}
