package dev.tollgate.filters.authn.support;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.ContextView;

import dev.tollgate.filters.authn.jwks.JwksDocument;
import dev.tollgate.filters.authn.jwks.JwksFetchException;
import dev.tollgate.filters.authn.jwks.JwksFetcher;

/**
 * A test double of the cache's fetch port (not of an identity provider): serves a settable JWKS document, counts
 * fetches, can fail, and can hold a fetch open until the test releases it, to prove single flight.
 */
public final class FakeJwksFetcher implements JwksFetcher {

	private final AtomicInteger fetches = new AtomicInteger();

	private volatile ContextView lastContext;

	private volatile String body;

	private volatile Duration maxAge;

	private volatile boolean failing;

	private volatile Sinks.One<Void> gate;

	public FakeJwksFetcher(String body) {
		this.body = body;
	}

	public void serve(String body, Duration maxAge) {
		this.body = body;
		this.maxAge = maxAge;
	}

	public void failing(boolean failing) {
		this.failing = failing;
	}

	/** Hold every fetch until {@link #release()}. */
	public void hold() {
		this.gate = Sinks.one();
	}

	public void release() {
		Sinks.One<Void> current = this.gate;
		this.gate = null;
		current.tryEmitEmpty();
	}

	/** The Reactor context the last fetch was subscribed in. */
	public ContextView lastContext() {
		return this.lastContext;
	}

	public int fetches() {
		return this.fetches.get();
	}

	@Override
	public Mono<JwksDocument> fetchKeys(URI jwksUri, Duration timeout) {
		return Mono.deferContextual((context) -> {
			this.lastContext = context;
			this.fetches.incrementAndGet();
			Mono<JwksDocument> answer = this.failing
					? Mono.error(new JwksFetchException("http_status", "status 503"))
					: Mono.just(new JwksDocument(this.body, this.maxAge));
			Sinks.One<Void> held = this.gate;
			return (held != null) ? held.asMono().then(answer) : answer;
		});
	}

	@Override
	public Mono<URI> discoverJwksUri(String issuer, Duration timeout) {
		return Mono.just(URI.create(issuer + "/jwks"));
	}

}
