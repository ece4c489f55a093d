package dev.tollgate.perf.jwt;

import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.JWK;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Flux;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import dev.tollgate.testkit.TestJwts;

/**
 * The baseline: Spring Security's {@link NimbusReactiveJwtDecoder} with its RFC 9068 validator (typ, iss, aud, exp,
 * nbf, client_id) over the same tokens and keys. EdDSA is absent: Spring's decoder verifies it only with Google
 * Tink on the class path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SpringDecoderBaselineBenchmark {

	@Param({ "RS256", "PS256", "ES256" })
	public String algorithm;

	private NimbusReactiveJwtDecoder decoder;

	private String[] tokens;

	private int next;

	@Setup(Level.Trial)
	public void setUp() {
		this.tokens = BenchmarkTokens.pool(this.algorithm).toArray(String[]::new);
		JWK publicKey = BenchmarkTokens.key(this.algorithm).toPublicJWK();
		this.decoder = NimbusReactiveJwtDecoder.withJwkSource((jwt) -> Flux.just(publicKey))
			.jwsAlgorithm(SignatureAlgorithm.from(this.algorithm))
			.validateType(false)
			.build();
		this.decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
			.issuer(BenchmarkTokens.ISSUER)
			.audience(BenchmarkTokens.AUDIENCE)
			.clientId(TestJwts.DEFAULT_CLIENT_ID)
			.build());
		for (String token : this.tokens) {
			this.decoder.decode(token).block();
		}
	}

	@Benchmark
	public Jwt springDecoder() {
		String token = this.tokens[this.next];
		this.next = (this.next + 1) % this.tokens.length;
		return this.decoder.decode(token).block();
	}

}
