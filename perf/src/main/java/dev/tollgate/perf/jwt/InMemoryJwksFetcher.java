package dev.tollgate.perf.jwt;

import java.net.URI;
import java.time.Duration;

import reactor.core.publisher.Mono;

import dev.tollgate.filters.authn.jwks.JwksDocument;
import dev.tollgate.filters.authn.jwks.JwksFetcher;

/** Serves a fixed JWKS: the benchmarks measure validation with a warm key cache, not HTTP. */
final class InMemoryJwksFetcher implements JwksFetcher {

	private final String jwks;

	InMemoryJwksFetcher(String jwks) {
		this.jwks = jwks;
	}

	@Override
	public Mono<JwksDocument> fetchKeys(URI jwksUri, Duration timeout) {
		return Mono.just(new JwksDocument(this.jwks, null));
	}

	@Override
	public Mono<URI> discoverJwksUri(String issuer, Duration timeout) {
		return Mono.just(URI.create(issuer + "/jwks"));
	}

}
