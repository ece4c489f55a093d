package dev.tollgate.filters.upstream.mint;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.testkit.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class TokenMinterTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));

	private final SigningKeyRing keys = SigningKeyRing.generated(this.clock, "ES256", Duration.ofHours(24),
			Duration.ofMinutes(5));

	private final TokenMinter minter = new TokenMinter(this.keys, "https://gw.example.com", Duration.ofMinutes(5),
			Duration.ofSeconds(30), 1000, this.clock);

	private final CallerIdentity keyCaller = new CallerIdentity("billing-agent", null, Set.of("orders:read"),
			CredentialKind.API_KEY, null, null, "k_123");

	@Test
	void mintWhenApiKeyCallerThenAudienceBoundAtJwtWithKeyClaimsRfc9068() throws Exception {
		SignedJWT jwt = SignedJWT.parse(this.minter.mint(this.keyCaller, "orders", "orders-api", List.of("orders:read")));

		assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(this.keys.current().getKeyID());
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://gw.example.com");
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("orders-api");
		assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("billing-agent");
		assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("orders:read");
		assertThat(jwt.getJWTClaimsSet().getStringClaim(TokenMinter.CREDENTIAL_CLAIM)).isEqualTo("api-key");
		assertThat(jwt.getJWTClaimsSet().getStringClaim(TokenMinter.KEY_ID_CLAIM)).isEqualTo("k_123");
		assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant())
			.isEqualTo(this.clock.instant().plus(Duration.ofMinutes(5)));
		JWK published = this.keys.publicKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(jwt.verify(new ECDSAVerifier((ECKey) published))).isTrue();
	}

	@Test
	void mintWhenEdDsaKeysThenTokenVerifiesWithThePublishedEd25519KeyRfc8037() throws Exception {
		SigningKeyRing ed = SigningKeyRing.generated(this.clock, "EdDSA", Duration.ofHours(24), Duration.ofMinutes(5));
		TokenMinter edMinter = new TokenMinter(ed, "https://gw.example.com", Duration.ofMinutes(5),
				Duration.ofSeconds(30), 1000, this.clock);

		SignedJWT jwt = SignedJWT.parse(edMinter.mint(this.keyCaller, "orders", "orders-api", List.of("orders:read")));

		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
		OctetKeyPair published = (OctetKeyPair) ed.publicKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(published.isPrivate()).isFalse();
		assertThat(published.getCurve()).isEqualTo(Curve.Ed25519);
		// Verified with the JDK alone, as an upstream without Tink would: SPKI prefix (RFC 8410 §4) + raw key.
		byte[] raw = published.getDecodedX();
		byte[] spki = new byte[44];
		System.arraycopy(new byte[] { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00 }, 0,
				spki, 0, 12);
		System.arraycopy(raw, 0, spki, 12, 32);
		Signature verifier = Signature.getInstance("Ed25519");
		verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
		verifier.update(jwt.getSigningInput());
		assertThat(verifier.verify(jwt.getSignature().decode())).isTrue();
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("orders-api");
	}

	@Test
	void mintWhenCalledTwiceForSameKeyAndRouteThenCachedToken() {
		String first = this.minter.mint(this.keyCaller, "orders", "orders-api", List.of("orders:read"));
		this.clock.advance(Duration.ofMinutes(4));

		assertThat(this.minter.mint(this.keyCaller, "orders", "orders-api", List.of("orders:read"))).isEqualTo(first);
	}

	@Test
	void mintWhenCachedTokenNearExpiryThenFreshToken() {
		String first = this.minter.mint(this.keyCaller, "orders", "orders-api", List.of("orders:read"));
		this.clock.advance(Duration.ofSeconds(271));

		assertThat(this.minter.mint(this.keyCaller, "orders", "orders-api", List.of("orders:read"))).isNotEqualTo(first);
	}

	@Test
	void mintWhenOtherRouteThenOtherToken() {
		String orders = this.minter.mint(this.keyCaller, "orders", "orders-api", List.of("orders:read"));

		assertThat(this.minter.mint(this.keyCaller, "billing", "billing-api", List.of())).isNotEqualTo(orders);
	}

	@Test
	void mintWhenCallerCredentialExpiresSoonerThenTokenExpiresWithIt() throws Exception {
		Instant callerExpiry = this.clock.instant().plus(Duration.ofMinutes(2));
		CallerIdentity caller = new CallerIdentity("agent", "agent", Set.of(), CredentialKind.JWT, "corp",
				callerExpiry, null);

		SignedJWT jwt = SignedJWT.parse(this.minter.mint(caller, "orders", "orders-api", List.of()));

		assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(callerExpiry);
	}

	@Test
	void publicKeysWhenRotationDueThenNewKeySignsAndOldStaysPublished() {
		String oldKid = this.keys.current().getKeyID();
		this.clock.advance(Duration.ofHours(24));

		String newKid = this.keys.current().getKeyID();

		assertThat(newKid).isNotEqualTo(oldKid);
		assertThat(this.keys.publicKeys().getKeyByKeyId(oldKid)).isNotNull();
		assertThat(this.keys.publicKeys().getKeys()).allMatch(k -> !k.isPrivate());
	}

	@Test
	void publicKeysWhenOldKeyTokensAllExpiredThenOldKeyUnpublished() {
		String oldKid = this.keys.current().getKeyID();
		this.clock.advance(Duration.ofHours(24));
		this.keys.current();
		this.clock.advance(Duration.ofMinutes(11));
		this.keys.rotate();

		assertThat(this.keys.publicKeys().getKeyByKeyId(oldKid)).isNull();
	}

}
