package dev.tollgate.perf.dpop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.tollgate.filters.binding.dpop.DpopProofException;
import dev.tollgate.filters.binding.dpop.DpopProofVerifier;
import dev.tollgate.filters.binding.dpop.HttpTargetUri;
import dev.tollgate.filters.binding.dpop.ReplayKeys;
import dev.tollgate.filters.binding.dpop.VerifiedProof;
import dev.tollgate.testkit.TestDpopProofs;
import dev.tollgate.testkit.TestKeys;

/**
 * One DPoP proof check (RFC 9449 §4.3, everything but the replay round trip): header parse, typ/alg/jwk checks,
 * one signature verification, claims, htu normalisation, ath (SHA-256 of the token), RFC 7638 thumbprint; plus the
 * replay key. Per algorithm an agent may sign proofs with. Cycles through 256 distinct proofs with a frozen clock.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DpopProofBenchmark {

	private static final String URL = "https://gateway.bench/orders/1";

	private static final String TOKEN = "eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2ln";

	@Param({ "ES256", "RS256", "PS256", "EdDSA" })
	public String algorithm;

	private DpopProofVerifier verifier;

	private String expectedHtu;

	private String jkt;

	private String[] proofs;

	private int next;

	@Setup(Level.Trial)
	public void setUp() throws JOSEException {
		Instant now = Instant.parse("2026-12-07T12:00:00Z");
		this.verifier = new DpopProofVerifier(List.of(this.algorithm), Duration.ofSeconds(60), Duration.ofSeconds(5),
				Clock.fixed(now, ZoneOffset.UTC));
		JWK key = switch (this.algorithm) {
			case "ES256" -> TestKeys.ec1();
			case "EdDSA" -> TestKeys.ed1();
			case "PS256" -> new RSAKeyGenerator(2048).generate();
			default -> TestKeys.rsa1();
		};
		this.jkt = TestDpopProofs.thumbprint(key);
		this.expectedHtu = HttpTargetUri.normalize(URL);
		this.proofs = new String[256];
		for (int i = 0; i < this.proofs.length; i++) {
			this.proofs[i] = TestDpopProofs.proof(key)
				.header("alg", this.algorithm)
				.uri(URL)
				.accessToken(TOKEN)
				.issuedAt(now)
				.build();
		}
	}

	@Benchmark
	public String verifyProof() throws DpopProofException {
		String proof = this.proofs[this.next++ & 255];
		VerifiedProof verified = this.verifier.verify(proof, "GET", this.expectedHtu, TOKEN, this.jkt, null);
		return ReplayKeys.of(verified);
	}

}
