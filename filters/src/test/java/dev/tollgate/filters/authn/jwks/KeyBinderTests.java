package dev.tollgate.filters.authn.jwks;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import dev.tollgate.filters.authn.jwt.SupportedAlgorithms;
import dev.tollgate.testkit.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

class KeyBinderTests {

	private static final List<JWSAlgorithm> DEFAULTS = SupportedAlgorithms.DEFAULTS;

	@Test
	void bindWhenKeyNamesItsAlgThenBoundToIt() {
		assertThat(KeyBinder.bind(TestKeys.rsa1().toPublicJWK(), DEFAULTS)).get()
			.extracting(VerificationKey::algorithm)
			.isEqualTo(JWSAlgorithm.RS256);
	}

	@Test
	void bindWhenKeyAlgNotAllowedThenDropped() {
		assertThat(KeyBinder.bind(TestKeys.rsa1().toPublicJWK(), List.of(JWSAlgorithm.ES256))).isEmpty();
	}

	// Entra ID publishes RSA keys without alg: they bind to the first RSA algorithm the issuer allows.
	@Test
	void bindWhenRsaKeyWithoutAlgThenBoundToFirstAllowedRsaAlgorithm() throws Exception {
		RSAKey noAlg = new RSAKey.Builder(TestKeys.rsa1().toRSAPublicKey()).keyID("entra").keyUse(KeyUse.SIGNATURE).build();
		assertThat(KeyBinder.bind(noAlg, List.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.RS256))).get()
			.extracting(VerificationKey::algorithm)
			.isEqualTo(JWSAlgorithm.PS256);
	}

	@Test
	void bindWhenEcKeyWithoutAlgThenBoundByCurve() {
		ECKey ec = new ECKey.Builder(TestKeys.ec1().toPublicJWK()).algorithm(null).build();
		assertThat(KeyBinder.bind(ec, DEFAULTS)).get().extracting(VerificationKey::algorithm).isEqualTo(JWSAlgorithm.ES256);
	}

	@Test
	void bindWhenEncryptionKeyThenDropped() throws Exception {
		RSAKey enc = new RSAKey.Builder(TestKeys.rsa1().toRSAPublicKey()).keyID("enc").keyUse(KeyUse.ENCRYPTION).build();
		assertThat(KeyBinder.bind(enc, DEFAULTS)).isEmpty();
	}

	@Test
	void bindWhenRsaKeyUnder2048BitsThenDropped() throws Exception {
		RSAKey small = new RSAKeyGenerator(1024, true).keyID("small").algorithm(JWSAlgorithm.RS256).generate();
		assertThat(KeyBinder.bind(small.toPublicJWK(), DEFAULTS)).isEmpty();
	}

	@Test
	void bindWhenPrivateKeyPublishedThenOnlyPublicPartUsed() {
		assertThat(KeyBinder.bind(TestKeys.rsa1(), DEFAULTS)).isPresent();
	}

	@Test
	void maxAgeWhenCacheControlThenParsedAndNoCacheIgnored() {
		assertThat(WebClientJwksFetcher.maxAge(List.of("public, max-age=600"))).isEqualTo(Duration.ofSeconds(600));
		assertThat(WebClientJwksFetcher.maxAge(List.of("no-cache"))).isNull();
		assertThat(WebClientJwksFetcher.maxAge(List.of("max-age=abc"))).isNull();
		assertThat(WebClientJwksFetcher.maxAge(List.of())).isNull();
	}

	// RFC 8414 §3.1: the well-known segment goes between host and path; OIDC Discovery §4 appends it.
	@Test
	void discoveryLocationsWhenIssuerHasPathThenBothForms() {
		assertThat(WebClientJwksFetcher.rfc8414("https://idp.test/realms/a"))
			.isEqualTo(URI.create("https://idp.test/.well-known/oauth-authorization-server/realms/a"));
		assertThat(WebClientJwksFetcher.oidcDiscovery("https://idp.test/realms/a/"))
			.isEqualTo(URI.create("https://idp.test/realms/a/.well-known/openid-configuration"));
		assertThat(WebClientJwksFetcher.rfc8414("https://idp.test"))
			.isEqualTo(URI.create("https://idp.test/.well-known/oauth-authorization-server"));
	}

}
