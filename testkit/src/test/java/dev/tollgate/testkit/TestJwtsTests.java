package dev.tollgate.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestJwtsTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void buildWhenDefaultsThenValidRs256AccessTokenNimbusVerifies() throws Exception {
		SignedJWT jwt = SignedJWT.parse(TestJwts.jwt().clock(CLOCK).build());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("rsa-1");
		assertThat(jwt.verify(new RSASSAVerifier(TestKeys.rsa1().toRSAPublicKey()))).isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(TestJwts.DEFAULT_ISSUER);
		assertThat(claims.getAudience()).containsExactly(TestJwts.DEFAULT_AUDIENCE);
		assertThat(claims.getStringClaim("scope")).isEqualTo(TestJwts.DEFAULT_SCOPE);
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
		assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
		assertThat(claims.getJWTID()).isNotBlank();
	}

	@Test
	void buildWhenClaimsChangedThenOnlyThoseDiffer() throws Exception {
		String token = TestJwts.jwt()
			.clock(CLOCK)
			.issuer("https://other")
			.audience("a", "b")
			.subject("user-1")
			.clientId("c-1")
			.scope("x y")
			.expiresIn(Duration.ofSeconds(-30))
			.notBefore(NOW.plusSeconds(60))
			.claim("exp_as_string", "soon")
			.type("JWT")
			.keyId("other-kid")
			.build();
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("other-kid");
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getAudience()).containsExactly("a", "b");
		assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.minusSeconds(30));
		assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(NOW.plusSeconds(60));
		assertThat(claims.getClaim("exp_as_string")).isEqualTo("soon");
		assertThat(jwt.verify(new RSASSAVerifier(TestKeys.rsa1().toRSAPublicKey()))).isTrue();
	}

	@Test
	void headerWhenCritGivenThenNimbusRefusesUnknownCritical() throws Exception {
		// RFC 7515 §4.1.11: an unknown critical header makes the JWS invalid.
		SignedJWT jwt = SignedJWT.parse(TestJwts.jwt().header("crit", java.util.List.of("x-unknown"))
			.header("x-unknown", true).build());
		assertThat(jwt.getHeader().getCriticalParams()).containsExactly("x-unknown");
		assertThat(jwt.verify(new RSASSAVerifier(TestKeys.rsa1().toRSAPublicKey()))).isFalse();
	}

	@Test
	void buildWhenEcKeyThenEs256NimbusVerifies() throws Exception {
		SignedJWT jwt = SignedJWT.parse(TestJwts.jwt().signWith(TestKeys.ec1()).build());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("ec-1");
		assertThat(jwt.verify(new ECDSAVerifier(TestKeys.ec1().toECPublicKey()))).isTrue();
	}

	@Test
	void buildWhenEd25519KeyThenEdDsaSignatureVerifies() throws Exception {
		String token = TestJwts.jwt().signWith(TestKeys.ed1()).build();
		String[] parts = token.split("\\.");
		assertThat(TestJwts.header(token)).containsEntry("alg", "EdDSA").containsEntry("kid", "ed-1");
		byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
		assertThat(JwsSigning.ed25519Verify(TestKeys.ed1(), input, new Base64URL(parts[2]).decode())).isTrue();
		assertThat(JwsSigning.ed25519Verify(TestKeys.ed1(), "tampered".getBytes(StandardCharsets.US_ASCII),
				new Base64URL(parts[2]).decode())).isFalse();
	}

	@Test
	void unsignedWhenBuiltThenAlgNoneAndEmptySignature() {
		// RFC 8725 §2.1 / §3.1: a verifier must never accept this.
		String token = TestJwts.jwt().unsigned();
		assertThat(token).endsWith(".");
		assertThat(TestJwts.header(token)).containsEntry("alg", "none").doesNotContainKey("kid");
		assertThat(TestJwts.header(TestJwts.jwt().unsigned("NoNe"))).containsEntry("alg", "NoNe");
	}

	@Test
	void hmacWithPublicKeyWhenBuiltThenHs256KeyedWithPublicKeyPem() throws Exception {
		String token = TestJwts.jwt().hmacWithPublicKey(TestKeys.rsa1().toPublicJWK());
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("rsa-1");
		String pem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] { '\n' })
			.encodeToString(TestKeys.rsa1().toPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
		assertThat(jwt.verify(new MACVerifier(pem.getBytes(StandardCharsets.US_ASCII)))).isTrue();
	}

	@Test
	void stripSignatureWhenAppliedThenNoSignature() {
		String stripped = TestJwts.stripSignature(TestJwts.jwt().build());
		assertThat(stripped.split("\\.", -1)).hasSize(3).endsWith("");
	}

	@Test
	void zeroEcdsaSignatureWhenAppliedThenNimbusRejects() throws Exception {
		// CVE-2022-21449: r = s = 0 must not verify.
		String token = TestJwts.zeroEcdsaSignature(TestJwts.jwt().signWith(TestKeys.ec1()).build());
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getSignature().decode()).hasSize(64).containsOnly(0);
		assertThat(jwt.verify(new ECDSAVerifier(TestKeys.ec1().toECPublicKey()))).isFalse();
	}

	@Test
	void alterClaimWhenAppliedThenSignatureNoLongerVerifies() throws Exception {
		String token = TestJwts.alterClaim(TestJwts.jwt().build(), "scope", "admin");
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("admin");
		assertThat(jwt.verify(new RSASSAVerifier(TestKeys.rsa1().toRSAPublicKey()))).isFalse();
	}

	@Test
	void rawHeaderWhenGivenThenUsedVerbatimAndSigned() throws Exception {
		String token = TestJwts.jwt().rawHeader("{\"alg\":\"RS256\",\"jku\":\"http://evil.test/jwks\"}").build();
		Map<String, Object> header = TestJwts.header(token);
		assertThat(header).containsOnlyKeys("alg", "jku");
		assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(TestKeys.rsa1().toRSAPublicKey()))).isTrue();
	}

	@Test
	void buildWhenNullClaimThenClaimWrittenAsJsonNullReplacingDefaults() {
		String token = TestJwts.jwt().clock(CLOCK).nullClaim("iat").nullClaim("sub").build();
		String payload = new String(Base64URL.from(token.split("\\.")[1]).decode(), StandardCharsets.UTF_8);
		assertThat(payload).contains("\"iat\":null").contains("\"sub\":null");
		assertThat(TestJwts.claims(token)).containsKey("iat").containsEntry("iat", null);
	}

	@Test
	void buildWhenPs256KeyThenPssSignatureNimbusVerifies() throws Exception {
		SignedJWT jwt = SignedJWT.parse(TestJwts.jwt().signWith(TestKeys.rsaPs1()).build());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("rsa-ps-1");
		assertThat(jwt.verify(new RSASSAVerifier(TestKeys.rsaPs1().toRSAPublicKey()))).isTrue();
	}

	@Test
	void signatureWhenReplacedThenSegmentVerbatimAndHeaderAsWritten() {
		String token = TestJwts.jwt().header("alg", "none").signature("").build();
		assertThat(token).endsWith(".");
		// Unlike unsigned(), the kid and typ of a normal token stay.
		assertThat(TestJwts.header(token)).containsEntry("alg", "none").containsEntry("kid", "rsa-1");
		assertThat(TestJwts.jwt().signature("c2ln").build()).endsWith(".c2ln");
	}

	@Test
	void headerWhenAlgGivenThenNamedButSignedWithKeysAlgorithm() throws Exception {
		String token = TestJwts.jwt().header("alg", "RS384").build();
		assertThat(TestJwts.header(token)).containsEntry("alg", "RS384");
		String[] parts = token.split("\\.");
		SignedJWT asRs256 = SignedJWT.parse(TestJwts.jwt().build());
		assertThat(new RSASSAVerifier(TestKeys.rsa1().toRSAPublicKey()).verify(asRs256.getHeader(),
				(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), new Base64URL(parts[2]))).isTrue();
	}

}
