package dev.tollgate.filters.binding.dpop;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.util.Base64URL;

/**
 * Server-provided DPoP nonces (RFC 9449 §8): the nonce is an HMAC of the current time window under a key every
 * instance shares, so any instance can check a nonce another handed out without shared state; the current and the
 * previous window's nonces are accepted, so a nonce is good for one to two windows. Handed out in
 * {@code DPoP-Nonce} on every DPoP answer, and with {@code error="use_dpop_nonce"} when a proof lacks it.
 */
public final class DpopNonces {

	private final SecretKeySpec key;

	private final Clock clock;

	private final long windowMillis;

	/**
	 * @param secret the shared key, at least 32 bytes; {@code null}: a random one (single instance only)
	 * @param window how long one nonce is handed out
	 */
	public DpopNonces(byte[] secret, Duration window, Clock clock) {
		byte[] material = secret;
		if (material == null) {
			material = new byte[32];
			new SecureRandom().nextBytes(material);
		}
		if (material.length < 32) {
			throw new IllegalArgumentException("the DPoP nonce secret must be at least 32 bytes");
		}
		this.key = new SecretKeySpec(material, "HmacSHA256");
		this.clock = clock;
		this.windowMillis = window.toMillis();
	}

	/** The nonce to hand out now. */
	public String current() {
		return nonce(this.clock.millis() / this.windowMillis);
	}

	/** Whether {@code value} is the current or the previous window's nonce. */
	public boolean accepts(Object value) {
		if (!(value instanceof String nonce)) {
			return false;
		}
		long window = this.clock.millis() / this.windowMillis;
		return nonce.equals(nonce(window)) || nonce.equals(nonce(window - 1));
	}

	private String nonce(long window) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			byte[] digest = mac.doFinal(ByteBuffer.allocate(8).putLong(window).array());
			return Base64URL.encode(java.util.Arrays.copyOf(digest, 18)).toString();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
