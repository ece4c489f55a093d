package dev.tollgate.devauth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DevAuthorizationServerSettingsTests {

	@Test
	void buildWhenMutualTlsClientButNoMutualTlsConnectorThenRefused() {
		DevAuthorizationServerSettings.Builder settings = DevAuthorizationServerSettings.builder()
			.client(DevClient.withId("agent-pki").tlsClientAuth("CN=agent-pki").build());

		assertThatIllegalStateException().isThrownBy(settings::build).withMessageContaining("agent-pki");
	}

	@Test
	void tlsClientAuthWhenSetAfterPrivateKeyJwtThenOnlyTheLastMethodHolds() {
		DevClient client = DevClient.withId("agent")
			.privateKeyJwt("http://127.0.0.1/jwks", DevClient.SigningAlgorithm.ES256)
			.tlsClientAuth("CN=agent")
			.build();

		assertThat(client.authenticationMethod()).isEqualTo(DevClient.AuthenticationMethod.TLS_CLIENT_AUTH);
		assertThat(client.certificateSubjectDn()).isEqualTo("CN=agent");
		assertThat(client.clientJwksUri()).isNull();
		assertThat(client.mutualTls()).isTrue();
	}

	@Test
	void withIdWhenDefaultsThenSecretAuthenticationWithoutCertificateBinding() {
		DevClient client = DevClient.withId("agent").build();

		assertThat(client.authenticationMethod()).isEqualTo(DevClient.AuthenticationMethod.CLIENT_SECRET);
		assertThat(client.mutualTls()).isFalse();
	}

}
