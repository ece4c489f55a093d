package dev.tollgate.filters.binding.dpop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import com.nimbusds.jose.util.Base64URL;

/**
 * Replay-cache keys: {@code tollgate:dpop:{<jkt>}:<sha-256 of jti>}. Scoped by the proof key, so one client's
 * {@code jti} values can never block another's; hash-tagged by it, so Redis Cluster spreads keys by client; the
 * {@code jti} hashed, so its length and characters are the gateway's choice, not the caller's.
 */
public final class ReplayKeys {

	private ReplayKeys() {
	}

	public static String of(VerifiedProof proof) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(proof.jti().getBytes(StandardCharsets.UTF_8));
			return "tollgate:dpop:{" + proof.jkt() + "}:" + Base64URL.encode(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
