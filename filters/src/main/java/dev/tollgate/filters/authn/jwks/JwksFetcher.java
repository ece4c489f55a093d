package dev.tollgate.filters.authn.jwks;

import java.net.URI;
import java.time.Duration;

import reactor.core.publisher.Mono;

/** The non-blocking port the JWKS cache fetches through; one HTTP implementation, test doubles in unit tests. */
public interface JwksFetcher {

	/**
	 * GET a JWKS document.
	 * @return the document, or an error ({@link JwksFetchException} or a timeout) within {@code timeout}
	 */
	Mono<JwksDocument> fetchKeys(URI jwksUri, Duration timeout);

	/**
	 * Find the issuer's {@code jwks_uri} by OpenID Connect discovery, then by RFC 8414 authorization server
	 * metadata. The document's {@code issuer} must equal {@code issuer} exactly (RFC 8414 §3.3).
	 */
	Mono<URI> discoverJwksUri(String issuer, Duration timeout);

}
