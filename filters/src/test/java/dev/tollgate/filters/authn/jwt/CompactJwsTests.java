package dev.tollgate.filters.authn.jwt;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.testkit.TestJwtBuilder;
import dev.tollgate.testkit.TestJwts;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CompactJwsTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private static TestJwtBuilder token() {
		return TestJwts.jwt().clock(Clock.fixed(NOW, ZoneOffset.UTC));
	}

	/** {@code [[[...]]]} nested {@code depth} deep. */
	private static String nestedArrays(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	private static String reasonOf(String token) {
		return assertThatExceptionOfType(CallerFault.class).isThrownBy(() -> CompactJws.parse(token, 16))
			.actual()
			.reason();
	}

	@Test
	void parseWhenValidThenHeaderHoldsOnlyAlgAndKid() {
		CompactJws jws = CompactJws.parse(token().header("jku", "https://attacker.test/jwks").build(), 16);
		assertThat(jws.algorithm().getName()).isEqualTo("RS256");
		assertThat(jws.keyId()).isEqualTo("rsa-1");
		assertThat(jws.type()).isEqualTo("at+jwt");
		assertThat(jws.header().getJWKURL()).isNull();
		assertThat(jws.claims()).containsEntry("iss", TestJwts.DEFAULT_ISSUER);
	}

	// RFC 8725 §3.1 / RFC 7518 §3.6: "none" is refused whatever its spelling.
	@ParameterizedTest
	@ValueSource(strings = { "none", "None", "NONE", "nOnE" })
	void parseWhenAlgNoneInAnyCaseThenBadAlgorithm(String alg) {
		assertThat(reasonOf(token().header("alg", alg).signature("").build())).isEqualTo("bad_algorithm");
	}

	// RFC 8725 §2.1: HMAC keyed with the issuer's public key must not verify; HMAC is never allowed at all.
	@ParameterizedTest
	@ValueSource(strings = { "HS256", "HS384", "HS512" })
	void parseWhenHmacThenBadAlgorithm(String alg) throws Exception {
		byte[] publicKeyAsSecret = TestKeys.rsa1().toPublicJWK().toJSONString().getBytes();
		String token = TestJwts.jwt()
			.rawHeader("{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\"}")
			.rawPayload("{\"iss\":\"" + TestJwts.DEFAULT_ISSUER + "\"}")
			.hmac(publicKeyAsSecret);
		assertThat(reasonOf(token)).isEqualTo("bad_algorithm");
	}

	// CVE-2023-52428: a PBES2 header with a huge p2c must be refused before any key derivation.
	@Test
	void parseWhenPbes2HeaderWithHugeIterationCountThenBadAlgorithm() {
		String token = token().rawHeader("{\"alg\":\"PBES2-HS256+A128KW\",\"p2c\":2147483647,\"p2s\":\"c2FsdA\"}")
			.signature("AAAA")
			.build();
		assertThat(reasonOf(token)).isEqualTo("bad_algorithm");
	}

	@Test
	void parseWhenFiveSegmentsThenUnsupportedFormat() {
		String jwe = Base64URL.encode("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"p2c\":99999999}") + ".a.b.c.d";
		assertThat(reasonOf(jwe)).isEqualTo("unsupported_format");
	}

	@Test
	void parseWhenHeaderNamesEncThenUnsupportedFormat() {
		assertThat(reasonOf(token().header("enc", "A256GCM").build())).isEqualTo("unsupported_format");
	}

	// RFC 7515 §4.1.11: a crit extension the recipient does not understand makes the JWS invalid.
	@Test
	void parseWhenCritHeaderThenBadHeader() {
		assertThat(reasonOf(token().header("crit", List.of("exp")).header("exp", 1).build()))
			.isEqualTo("bad_header");
	}

	@Test
	void parseWhenUnencodedPayloadOptionThenBadHeader() {
		assertThat(reasonOf(token().header("b64", false).build())).isEqualTo("bad_header");
	}

	// CVE-2025-53864: deeply nested JSON in a claim must be a fast refusal, not a stack overflow.
	@Test
	void parseWhenClaimsNestedTooDeepThenMalformed() {
		String payload = "{\"iss\":\"" + TestJwts.DEFAULT_ISSUER + "\",\"x\":" + nestedArrays(3000) + "}";
		assertThat(reasonOf(token().rawPayload(payload).build())).isEqualTo("malformed");
	}

	@Test
	void parseWhenHeaderNestedTooDeepThenMalformed() {
		String header = "{\"alg\":\"RS256\",\"x\":" + nestedArrays(100) + "}";
		assertThat(reasonOf(token().rawHeader(header).build())).isEqualTo("malformed");
	}

	@Test
	void parseWhenNestingWithinLimitThenAccepted() {
		String payload = "{\"iss\":\"" + TestJwts.DEFAULT_ISSUER + "\",\"x\":" + nestedArrays(10) + "}";
		assertThat(CompactJws.parse(token().rawPayload(payload).build(), 16).claims()).containsKey("x");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "a.b", "eyJhbGciOiJSUzI1NiJ9..sig", ".eyJ9.sig", "ey!!.ey.sig", "eyJ.eyJ.sig",
			"W10.e30.sig" })
	void parseWhenNotACompactJwsThenMalformed(String token) {
		assertThat(reasonOf(token)).isEqualTo("malformed");
	}

	@Test
	void parseWhenPayloadIsNotAnObjectThenMalformed() {
		assertThat(reasonOf(token().rawPayload("[1,2,3]").build())).isEqualTo("malformed");
	}

	@Test
	void parseWhenKidIsNotAStringThenMalformed() {
		assertThat(reasonOf(token().header("kid", 7).build())).isEqualTo("malformed");
	}

	@Test
	void parseWhenSignatureStrippedThenUnsigned() {
		assertThat(CompactJws.parse(token().signature("").build(), 16).isUnsigned()).isTrue();
	}

	@Test
	void formatWhenShapesDifferThenEachRecognised() {
		assertThat(TokenFormat.of(token().build())).isEqualTo(TokenFormat.JWS);
		assertThat(TokenFormat.of("eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d")).isEqualTo(TokenFormat.JWE);
		assertThat(TokenFormat.of("{\"payload\":\"e30\",\"signatures\":[]}")).isEqualTo(TokenFormat.JSON);
		assertThat(TokenFormat.of("2YotnFZFEjr1zCsicMWpAA")).isEqualTo(TokenFormat.OPAQUE);
	}

}
