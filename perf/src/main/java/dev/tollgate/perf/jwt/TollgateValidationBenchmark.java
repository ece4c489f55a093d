package dev.tollgate.perf.jwt;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;


import dev.tollgate.filters.authn.bearer.DefaultBearerAuthenticator;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.RouteSecurity;

/**
 * Tollgate's bearer validation hot path per algorithm: {@code cold} parses and verifies every token (verified-token
 * cache off), {@code cached} serves repeated tokens from the verified-token cache (SHA-256, lookup, route checks).
 * Keys are always cached: this measures validation, not JWKS fetching.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TollgateValidationBenchmark {

	@Param({ "RS256", "PS256", "ES256", "EdDSA" })
	public String algorithm;

	private static final RouteSecurity ROUTE = new RouteSecurity("orders", BenchmarkTokens.AUDIENCE,
			List.of("orders:read"), Set.of(RouteSecurity.Credential.BEARER), Set.of(), "/orders");

	private DefaultBearerAuthenticator cold;

	private DefaultBearerAuthenticator cached;

	private String[] tokens;

	private int next;

	@Setup(Level.Trial)
	public void setUp() {
		this.tokens = BenchmarkTokens.pool(this.algorithm).toArray(String[]::new);
		this.cold = BenchmarkTokens.authenticator(0);
		this.cached = BenchmarkTokens.authenticator(10_000);
		for (String token : this.tokens) {
			// Warm the key cache of both, and the verified-token cache of the second.
			this.cold.authenticate(token, ROUTE).block();
			this.cached.authenticate(token, ROUTE).block();
		}
	}

	private String nextToken() {
		String token = this.tokens[this.next];
		this.next = (this.next + 1) % this.tokens.length;
		return token;
	}

	@Benchmark
	public CallerIdentity cold() {
		return this.cold.authenticate(nextToken(), ROUTE).block();
	}

	@Benchmark
	public CallerIdentity cached() {
		return this.cached.authenticate(nextToken(), ROUTE).block();
	}

}
