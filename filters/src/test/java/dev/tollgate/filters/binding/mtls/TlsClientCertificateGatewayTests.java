package dev.tollgate.filters.binding.mtls;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.TestAuthorizationServer;
import dev.tollgate.testkit.TestCertificates;
import dev.tollgate.testkit.TestTls;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate-bound tokens (RFC 8705 §3) with TLS terminated by the gateway itself: a Spring Boot SSL bundle
 * ({@code server.ssl.bundle}) whose trust store holds the client CA (PKI, §2.1) and a pinned self-signed client
 * certificate (§2.2), with client certificates requested ({@code server.ssl.client-auth: want}). The tokens come
 * from the real authorization server, to clients that authenticated there with the same certificates over mutual
 * TLS. Every certificate is made at test time.
 */
@SpringBootTest(classes = TlsClientCertificateGatewayTests.GatewayApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TlsClientCertificateGatewayTests {

	static final String AUDIENCE = "https://gateway.test/orders";

	static final TestTls server = TestTls.selfSigned();

	static final CertificateBoundClients clients = new CertificateBoundClients();

	static final TestCertificates ca = clients.ca;

	static final TestCertificates pkiClient = clients.pkiClient;

	static final TestCertificates selfSignedClient = clients.selfSignedClient;

	static final TestAuthorizationServer as = clients.authorizationServer;

	static final EchoUpstream upstream = EchoUpstream.start(0);

	@LocalServerPort
	int port;

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayApp {

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		Path trusted = Files.createTempFile("tollgate-client-trust-", ".pem");
		Files.writeString(trusted, ca.pem() + selfSignedClient.pem());
		registry.add("spring.ssl.bundle.pem.gateway.keystore.certificate", () -> "file:" + server.certificate());
		registry.add("spring.ssl.bundle.pem.gateway.keystore.private-key", () -> "file:" + server.privateKey());
		registry.add("spring.ssl.bundle.pem.gateway.truststore.certificate", () -> "file:" + trusted);
		registry.add("server.ssl.bundle", () -> "gateway");
		registry.add("server.ssl.client-auth", () -> "want");
		registry.add("tollgate.gateway.failed-auth.enabled", () -> "false");
		registry.add("tollgate.gateway.public-base-url", () -> "https://gateway.test");
		registry.add("tollgate.issuers[0].name", () -> "sas");
		registry.add("tollgate.issuers[0].issuer-uri", as::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", as::jwksUri);
		String prefix = "spring.cloud.gateway.server.webflux.routes[0].";
		registry.add(prefix + "id", () -> "mtls");
		registry.add(prefix + "uri", upstream::uri);
		registry.add(prefix + "predicates[0]", () -> "Path=/mtls/**");
		registry.add(prefix + "filters[0].name", () -> "Tollgate");
		registry.add(prefix + "filters[0].args.credentials[0]", () -> "BEARER");
		registry.add(prefix + "filters[0].args.audience", () -> AUDIENCE);
		registry.add(prefix + "filters[0].args.binding", () -> "MTLS");
	}

	@AfterAll
	static void stop() {
		upstream.close();
		clients.close();
	}

	private int get(TestCertificates client, String token) throws Exception {
		HttpClient http = HttpClient.newBuilder().sslContext(tls(client)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + this.port + "/mtls/1"))
			.header("Authorization", "Bearer " + token)
			.build();
		return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static SSLContext tls(TestCertificates client) throws IOException, GeneralSecurityException {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(server.trustStore())) {
			trust.load(in, server.trustStorePassword().toCharArray());
		}
		TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		tmf.init(trust);
		KeyManagerFactory kmf = null;
		if (client != null) {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(client.keyStore())) {
				keys.load(in, client.password().toCharArray());
			}
			kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			kmf.init(keys, client.password().toCharArray());
		}
		SSLContext context = SSLContext.getInstance("TLS");
		context.init((kmf != null) ? kmf.getKeyManagers() : null, tmf.getTrustManagers(), null);
		return context;
	}

	/** A token from the client's own mutual-TLS token request, so bound to its certificate. */
	private static String token(String clientId) {
		TestCertificates certificate = "agent-pki".equals(clientId) ? pkiClient : selfSignedClient;
		return as.mtlsClientCredentialsToken(clientId, certificate, AUDIENCE, "orders:read");
	}

	@Test
	void requestWhenPkiClientCertificateMatchesCnfThenAccepted_rfc8705_2_1() throws Exception {
		assertThat(get(pkiClient, token("agent-pki"))).isEqualTo(200);
	}

	@Test
	void requestWhenPinnedSelfSignedCertificateMatchesCnfThenAccepted_rfc8705_2_2() throws Exception {
		assertThat(get(selfSignedClient, token("agent-self"))).isEqualTo(200);
	}

	@Test
	void requestWhenTokenBoundToAnotherCertificateThenRefused_rfc8705_3() throws Exception {
		assertThat(get(selfSignedClient, token("agent-pki"))).isEqualTo(401);
	}

	@Test
	void requestWhenNoClientCertificateThenRefused_rfc8705_3() throws Exception {
		assertThat(get(null, token("agent-pki"))).isEqualTo(401);
	}

}
