package dev.tollgate.testkit;

import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestKeysTests {

	@Test
	void keysWhenLoadedThenEachNamesItsKidAlgAndUseWithPrivatePart() {
		List<JWK> keys = List.of(TestKeys.rsa1(), TestKeys.rsa2(), TestKeys.rsaPs1(), TestKeys.ec1(), TestKeys.ec2(),
				TestKeys.ed1());
		assertThat(keys).extracting(JWK::getKeyID).containsExactly("rsa-1", "rsa-2", "rsa-ps-1", "ec-1", "ec-2", "ed-1");
		assertThat(keys).extracting(JWK::getAlgorithm)
			.containsExactly(JWSAlgorithm.RS256, JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256,
					JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);
		assertThat(keys).allSatisfy((key) -> {
			assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
			assertThat(key.isPrivate()).isTrue();
		});
	}

	@Test
	void withoutAlgorithmWhenAppliedThenSameKeyWithoutAlg() {
		JWK bare = TestKeys.withoutAlgorithm(TestKeys.ed1());
		assertThat(bare.getAlgorithm()).isNull();
		assertThat(bare.getKeyID()).isEqualTo("ed-1");
		assertThat(bare.toPublicJWK().toJSONObject()).doesNotContainKey("alg")
			.containsEntry("x", TestKeys.ed1().getX().toString());
		assertThat(TestKeys.ed1().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
	}

}
