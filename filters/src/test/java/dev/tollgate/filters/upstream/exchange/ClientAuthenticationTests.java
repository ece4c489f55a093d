package dev.tollgate.filters.upstream.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAuthenticationTests {

	private final MutableClock clock = MutableClock.startingNow();

	@Test
	void secretBasicWhenSecretHasReservedCharactersThenFormEncodedBeforeBase64() {
		// RFC 6749 §2.3.1: client id and secret are application/x-www-form-urlencoded, then Base64 in Basic.
		HttpHeaders headers = new HttpHeaders();
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		new ClientAuthentication.SecretBasic("gate way", "p:ss%w+rd").apply(headers, form);

		String basic = headers.getFirst(HttpHeaders.AUTHORIZATION);
		String decoded = new String(Base64.getDecoder().decode(basic.substring("Basic ".length())),
				StandardCharsets.UTF_8);
		assertThat(decoded).isEqualTo("gate+way:p%3Ass%25w%2Brd");
		assertThat(form).isEmpty();
	}

	@Test
	void secretPostWhenAppliedThenCredentialsInFormOnly() {
		HttpHeaders headers = new HttpHeaders();
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		ClientAuthentication.SecretPost post = new ClientAuthentication.SecretPost("gateway", "s3cret");
		post.apply(headers, form);

		assertThat(form.toSingleValueMap()).containsEntry("client_id", "gateway")
			.containsEntry("client_secret", "s3cret");
		assertThat(headers.isEmpty()).isTrue();
		assertThat(post.toString()).doesNotContain("s3cret");
	}

	@Test
	void privateKeyJwtWhenAppliedThenRfc7523AssertionBoundToTokenEndpoint() throws Exception {
		ECKey key = TestSigningKeys.ecKey("k1");
		ClientAssertionSigner signer = new ClientAssertionSigner("gateway", "https://idp.example.com/token", key,
				JWSAlgorithm.ES256, Duration.ofSeconds(60), this.clock);
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		new ClientAuthentication.PrivateKeyJwt("gateway", signer).apply(new HttpHeaders(), form);

		assertThat(form.getFirst("client_assertion_type"))
			.isEqualTo("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		SignedJWT jwt = SignedJWT.parse(form.getFirst("client_assertion"));
		assertThat(jwt.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("k1");
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		// RFC 7523 §3: iss and sub are the client id, aud names the token endpoint, exp is required.
		assertThat(claims.getIssuer()).isEqualTo("gateway");
		assertThat(claims.getSubject()).isEqualTo("gateway");
		assertThat(claims.getAudience()).containsExactly("https://idp.example.com/token");
		// JWT dates are whole seconds (RFC 7519 §2 NumericDate).
		Instant expected = this.clock.instant().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
		assertThat(claims.getExpirationTime()).isEqualTo(Date.from(expected));
		assertThat(claims.getJWTID()).isNotBlank();
	}

	@Test
	void privateKeyJwtWhenSignedTwiceThenEachAssertionHasItsOwnJti() throws Exception {
		ClientAssertionSigner signer = new ClientAssertionSigner("gateway", "https://idp.example.com/token",
				TestSigningKeys.ecKey("k1"), JWSAlgorithm.ES256, Duration.ofSeconds(60), this.clock);

		String first = SignedJWT.parse(signer.sign()).getJWTClaimsSet().getJWTID();
		String second = SignedJWT.parse(signer.sign()).getJWTClaimsSet().getJWTID();

		assertThat(first).isNotEqualTo(second);
	}

}
