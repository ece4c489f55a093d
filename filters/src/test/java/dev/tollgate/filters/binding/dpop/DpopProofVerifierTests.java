package dev.tollgate.filters.binding.dpop;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import dev.tollgate.filters.binding.decision.BindingFailure;
import dev.tollgate.testkit.MutableClock;
import dev.tollgate.testkit.TestDpopProofs;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link DpopProofVerifier} on its own, with a frozen clock: the edges of each RFC 9449 §4.3 check. */
class DpopProofVerifierTests {

	private static final String URL = "https://gateway.test/orders/1";

	private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.sig";

	private final MutableClock clock = MutableClock.at("2026-12-07T12:00:00Z");

	private final DpopProofVerifier verifier = new DpopProofVerifier(List.of("ES256", "EdDSA", "PS256", "RS256"),
			Duration.ofSeconds(60), Duration.ofSeconds(5), this.clock);

	private TestDpopProofs.Builder proof(JWK key) {
		return TestDpopProofs.proof(key).uri(URL).accessToken(TOKEN).issuedAt(this.clock.instant());
	}

	private VerifiedProof verify(JWK boundKey, String proof) throws DpopProofException {
		return this.verifier.verify(proof, "GET", HttpTargetUri.normalize(URL), TOKEN,
				TestDpopProofs.thumbprint(boundKey), null);
	}

	private BindingFailure failure(JWK boundKey, String proof) {
		return catchThrowableOfType(DpopProofException.class, () -> verify(boundKey, proof)).failure();
	}

	@Test
	void verifyWhenEs256ProofThenThumbprintAndJti_rfc9449_4_3() throws Exception {
		VerifiedProof verified = verify(TestKeys.ec1(), proof(TestKeys.ec1()).jti("j-1").build());

		assertThat(verified.jkt()).isEqualTo(TestDpopProofs.thumbprint(TestKeys.ec1()));
		assertThat(verified.jti()).isEqualTo("j-1");
	}

	@Test
	void verifyWhenRs256Ps256AndEdDsaProofsThenAccepted_rfc9449_4_3_check5() throws Exception {
		verify(TestKeys.rsa1(), proof(TestKeys.rsa1()).build());
		verify(TestKeys.rsa1(), proof(TestKeys.rsa1()).header("alg", "PS256").build());
		verify(TestKeys.ed1(), proof(TestKeys.ed1()).build());
	}

	@Test
	void verifyWhenHs256ProofThenAlgorithmRefused_rfc9449_4_3_check5() {
		String proof = proof(TestKeys.ec1()).header("alg", "HS256").fakeSignature().build();

		assertThat(failure(TestKeys.ec1(), proof)).isEqualTo(BindingFailure.PROOF_ALGORITHM);
	}

	@Test
	void verifyWhenAlgorithmNotOnAllowlistThenRefused_rfc9449_4_3_check5() throws Exception {
		DpopProofVerifier esOnly = new DpopProofVerifier(List.of("ES256"), Duration.ofSeconds(60),
				Duration.ofSeconds(5), this.clock);

		BindingFailure failure = catchThrowableOfType(DpopProofException.class,
				() -> esOnly.verify(proof(TestKeys.rsa1()).build(), "GET", HttpTargetUri.normalize(URL), TOKEN,
						TestDpopProofs.thumbprint(TestKeys.rsa1()), null))
			.failure();

		assertThat(failure).isEqualTo(BindingFailure.PROOF_ALGORITHM);
	}

	@Test
	void verifyWhenAlgorithmDoesNotFitKeyThenRefused_rfc9449_4_3_check5() {
		String proof = proof(TestKeys.ec1()).header("alg", "ES384").fakeSignature().build();

		assertThat(new DpopProofVerifier(List.of("ES256", "ES384"), Duration.ofSeconds(60), Duration.ofSeconds(5),
				this.clock).algorithms()).contains("ES384");
		assertThat(catchThrowableOfType(DpopProofException.class,
				() -> new DpopProofVerifier(List.of("ES256", "ES384"), Duration.ofSeconds(60), Duration.ofSeconds(5),
						this.clock)
					.verify(proof, "GET", HttpTargetUri.normalize(URL), TOKEN,
							TestDpopProofs.thumbprint(TestKeys.ec1()), null))
			.failure()).isEqualTo(BindingFailure.PROOF_ALGORITHM);
	}

	@Test
	void verifyWhenRsaKeyShorterThan2048BitsThenRefused_rfc9449_4_3_check7() throws Exception {
		JWK weak = new RSAKeyGenerator(1024, true).generate();

		assertThat(failure(weak, proof(weak).fakeSignature().build())).isEqualTo(BindingFailure.PROOF_KEY);
	}

	@Test
	void verifyWhenJwkMissingThenInvalid_rfc9449_4_3_check3() {
		assertThat(failure(TestKeys.ec1(), proof(TestKeys.ec1()).header("jwk", null).build()))
			.isEqualTo(BindingFailure.INVALID_PROOF);
	}

	@Test
	void verifyWhenCritHeaderThenInvalid_rfc7515_4_1_11() {
		assertThat(failure(TestKeys.ec1(), proof(TestKeys.ec1()).header("crit", List.of("exp")).build()))
			.isEqualTo(BindingFailure.INVALID_PROOF);
	}

	@Test
	void verifyWhenIatAtEdgesOfWindowThenAccepted_rfc9449_4_3_check11() throws Exception {
		Instant now = this.clock.instant();
		verify(TestKeys.ec1(), proof(TestKeys.ec1()).issuedAt(now.minusSeconds(65)).build());
		verify(TestKeys.ec1(), proof(TestKeys.ec1()).issuedAt(now.plusSeconds(5)).build());
	}

	@Test
	void verifyWhenIatJustOutsideWindowThenStale_rfc9449_4_3_check11() {
		Instant now = this.clock.instant();

		assertThat(failure(TestKeys.ec1(), proof(TestKeys.ec1()).issuedAt(now.minusSeconds(66)).build()))
			.isEqualTo(BindingFailure.STALE_PROOF);
		assertThat(failure(TestKeys.ec1(), proof(TestKeys.ec1()).issuedAt(now.plusSeconds(6)).build()))
			.isEqualTo(BindingFailure.STALE_PROOF);
	}

	@Test
	void verifyWhenIatIsAStringThenInvalid_rfc9449_4_3_check3() {
		assertThat(failure(TestKeys.ec1(), proof(TestKeys.ec1()).claim("iat", "1765108800").build()))
			.isEqualTo(BindingFailure.INVALID_PROOF);
	}

	@Test
	void verifyWhenAthMissingThenRefused_rfc9449_4_3_check12() {
		assertThat(failure(TestKeys.ec1(), proof(TestKeys.ec1()).claim("ath", null).build()))
			.isEqualTo(BindingFailure.ATH_MISMATCH);
	}

	@Test
	void verifyWhenNonceRequiredAndMissingThenUseNonce_rfc9449_8() {
		DpopNonces nonces = new DpopNonces(new byte[32], Duration.ofMinutes(5), this.clock);

		BindingFailure failure = catchThrowableOfType(DpopProofException.class,
				() -> this.verifier.verify(proof(TestKeys.ec1()).build(), "GET", HttpTargetUri.normalize(URL),
						TOKEN, TestDpopProofs.thumbprint(TestKeys.ec1()), nonces))
			.failure();

		assertThat(failure).isEqualTo(BindingFailure.NONCE_REQUIRED);
	}

	@Test
	void verifyWhenNonceFromPreviousWindowThenAccepted_rfc9449_8() throws Exception {
		DpopNonces nonces = new DpopNonces(new byte[32], Duration.ofMinutes(5), this.clock);
		String nonce = nonces.current();
		this.clock.advance(Duration.ofMinutes(5));

		this.verifier.verify(proof(TestKeys.ec1()).nonce(nonce).build(), "GET", HttpTargetUri.normalize(URL), TOKEN,
				TestDpopProofs.thumbprint(TestKeys.ec1()), nonces);
	}

	@Test
	void verifyWhenNonceTwoWindowsOldThenUseNonce_rfc9449_8() {
		DpopNonces nonces = new DpopNonces(new byte[32], Duration.ofMinutes(5), this.clock);
		String nonce = nonces.current();
		this.clock.advance(Duration.ofMinutes(10));

		BindingFailure failure = catchThrowableOfType(DpopProofException.class,
				() -> this.verifier.verify(proof(TestKeys.ec1()).nonce(nonce).build(), "GET",
						HttpTargetUri.normalize(URL), TOKEN, TestDpopProofs.thumbprint(TestKeys.ec1()), nonces))
			.failure();

		assertThat(failure).isEqualTo(BindingFailure.NONCE_REQUIRED);
	}

	@Test
	void constructorWhenSymmetricAlgorithmThenRefused() {
		assertThat(catchThrowableOfType(IllegalArgumentException.class,
				() -> new DpopProofVerifier(List.of("HS256"), Duration.ofSeconds(60), Duration.ZERO, this.clock)))
			.hasMessageContaining("HS256");
	}

}
