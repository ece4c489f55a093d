package dev.tollgate.filters.binding.mtls;

import dev.tollgate.devauth.DevClient;
import dev.tollgate.testkit.TestAuthorizationServer;
import dev.tollgate.testkit.TestCertificates;
import dev.tollgate.testkit.TestJwks;

/**
 * The clients of the mTLS gateway tests and the authorization server that binds their tokens: {@code agent-pki}
 * (certificate from a test CA, {@code tls_client_auth}) and {@code agent-self} (self-signed,
 * {@code self_signed_tls_client_auth}, its certificate published in a JWK set, RFC 8705 §2.2), plus a stranger
 * nobody trusts. Tokens are bound to the certificate the client authenticated with (RFC 8705 §3.1).
 */
final class CertificateBoundClients implements AutoCloseable {

	final TestCertificates ca = TestCertificates.certificateAuthority("Test CA");

	final TestCertificates pkiClient = this.ca.issue("agent-pki");

	final TestCertificates selfSignedClient = TestCertificates.selfSigned("agent-self");

	final TestCertificates stranger = TestCertificates.selfSigned("stranger");

	private final TestJwks selfSignedClientJwks = TestJwks.start(this.selfSignedClient.jwk());

	final TestAuthorizationServer authorizationServer = TestAuthorizationServer.startWithMutualTls(
			TestAuthorizationServer.defaultSettings()
				.client(DevClient.withId("agent-pki").tlsClientAuth("CN=agent-pki").scopes("orders:read").build())
				.client(DevClient.withId("agent-self")
					.selfSignedTlsClientAuth(this.selfSignedClientJwks.jwksUri())
					.scopes("orders:read")
					.build()),
			this.ca, this.selfSignedClient);

	@Override
	public void close() {
		this.authorizationServer.close();
		this.selfSignedClientJwks.close();
	}

}
