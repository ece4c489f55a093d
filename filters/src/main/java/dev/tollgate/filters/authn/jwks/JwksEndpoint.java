package dev.tollgate.filters.authn.jwks;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * Where and how one trusted issuer's keys are found.
 *
 * @param issuerName the configured issuer name (metric tag)
 * @param issuer the issuer identifier; discovery documents must name exactly it (RFC 8414 §3.3)
 * @param jwksUri the configured JWKS URI, or {@code null} to discover it
 * @param algorithms the issuer's allow-list; keys are bound to one of these
 * @param settings fetch and refresh settings
 */
public record JwksEndpoint(String issuerName, String issuer, URI jwksUri, List<JWSAlgorithm> algorithms,
		JwksSettings settings) {

	public JwksEndpoint {
		Objects.requireNonNull(issuerName, "issuerName");
		Objects.requireNonNull(issuer, "issuer");
		algorithms = List.copyOf(algorithms);
		Objects.requireNonNull(settings, "settings");
	}

}
