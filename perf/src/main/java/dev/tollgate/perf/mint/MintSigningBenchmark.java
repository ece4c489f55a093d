package dev.tollgate.perf.mint;

import java.time.Clock;
import java.time.Duration;
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

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.upstream.mint.SigningKeyRing;
import dev.tollgate.filters.upstream.mint.TokenMinter;

/**
 * The cold path of minting: a caller the minted-token cache has not seen gets a freshly signed token. Compares the
 * algorithms {@code tollgate.minting.algorithm} offers; each call mints for a new client id.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MintSigningBenchmark {

	@Param({ "RS256", "ES256", "EdDSA" })
	public String algorithm;

	private TokenMinter minter;

	private long next;

	@Setup(Level.Trial)
	public void setUp() {
		Clock clock = Clock.systemUTC();
		SigningKeyRing keys = SigningKeyRing.generated(clock, this.algorithm, Duration.ofHours(1),
				Duration.ofMinutes(5));
		// A one-entry cache: every call below is for a new caller, so every call signs.
		this.minter = new TokenMinter(keys, "https://gateway.bench", Duration.ofMinutes(5), Duration.ofSeconds(30), 1,
				clock);
	}

	@Benchmark
	public String mintForNewCaller() {
		CallerIdentity caller = new CallerIdentity("agent-" + this.next++, null, Set.of("orders:read"),
				CredentialKind.API_KEY, null, null, "k_" + this.next);
		return this.minter.mint(caller, "orders", "orders-api", List.of("orders:read"));
	}

}
