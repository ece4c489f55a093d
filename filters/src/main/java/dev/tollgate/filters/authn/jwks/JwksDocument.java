package dev.tollgate.filters.authn.jwks;

import java.time.Duration;
import java.util.Objects;

/**
 * A JWKS response as fetched.
 *
 * @param body the JSON body
 * @param maxAge the response's {@code Cache-Control: max-age}, or {@code null}
 */
public record JwksDocument(String body, Duration maxAge) {

	public JwksDocument {
		Objects.requireNonNull(body, "body");
	}

}
