package dev.tollgate.filters.binding.mtls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tollgate.testkit.EchoUpstream;
import dev.tollgate.testkit.RawHttp;
import dev.tollgate.testkit.TestAuthorizationServer;
import dev.tollgate.testkit.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate-bound tokens (RFC 8705) behind a front proxy that terminates TLS and forwards the client certificate
 * in Envoy's {@code X-Forwarded-Client-Cert}: believed from the trusted proxy ({@code 127.0.0.1}) only, stripped
 * from everyone else ({@code 127.0.0.2}), never forwarded. Tokens come from the real authorization server, to
 * clients that authenticated there with mutual TLS using certificates made at test time: one issued by a CA
 * ({@code tls_client_auth}, §2.1), one self-signed ({@code self_signed_tls_client_auth}, §2.2).
 */
@SpringBootTest(classes = ForwardedCertificateGatewayTests.GatewayApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ForwardedCertificateGatewayTests {

	static final String AUDIENCE = "https://gateway.test/orders";

	static final String HEADER = "X-Forwarded-Client-Cert";

	static final CertificateBoundClients clients = new CertificateBoundClients();

	static final TestCertificates ca = clients.ca;

	static final TestCertificates pkiClient = clients.pkiClient;

	static final TestCertificates selfSignedClient = clients.selfSignedClient;

	static final TestCertificates stranger = clients.stranger;

	static final TestAuthorizationServer as = clients.authorizationServer;

	static final EchoUpstream upstream = EchoUpstream.start(0);

	@LocalServerPort
	int port;

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GatewayApp {

	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("tollgate.gateway.failed-auth.enabled", () -> "false");
		registry.add("tollgate.gateway.public-base-url", () -> "https://gateway.test");
		registry.add("tollgate.gateway.trusted-proxies[0]", () -> "127.0.0.1/32");
		registry.add("tollgate.binding.mtls.certificate-header", () -> HEADER);
		registry.add("tollgate.issuers[0].name", () -> "sas");
		registry.add("tollgate.issuers[0].issuer-uri", as::issuerUri);
		registry.add("tollgate.issuers[0].jwks-uri", as::jwksUri);
		route(registry, 0, "mtls", "/mtls/**", "MTLS");
		route(registry, 1, "plain", "/plain/**", null);
		String prefix = "spring.cloud.gateway.server.webflux.routes[2].";
		registry.add(prefix + "id", () -> "public");
		registry.add(prefix + "uri", upstream::uri);
		registry.add(prefix + "predicates[0]", () -> "Path=/public/**");
		registry.add(prefix + "filters[0].name", () -> "Tollgate");
	}

	private static void route(DynamicPropertyRegistry registry, int index, String id, String path, String binding) {
		String prefix = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
		registry.add(prefix + "id", () -> id);
		registry.add(prefix + "uri", upstream::uri);
		registry.add(prefix + "predicates[0]", () -> "Path=" + path);
		registry.add(prefix + "filters[0].name", () -> "Tollgate");
		registry.add(prefix + "filters[0].args.credentials[0]", () -> "BEARER");
		registry.add(prefix + "filters[0].args.audience", () -> AUDIENCE);
		if (binding != null) {
			registry.add(prefix + "filters[0].args.binding", () -> binding);
		}
	}

	@AfterAll
	static void stop() {
		upstream.close();
		clients.close();
	}

	/** Envoy's element for a client certificate: {@code Cert} is the URL-encoded PEM (RFC 3986, spaces as %20). */
	static String xfcc(TestCertificates client) {
		String encoded = URLEncoder.encode(client.pem(), StandardCharsets.UTF_8).replace("+", "%20");
		return HEADER + ": By=spiffe://gateway.test;Hash=abc;Cert=\"" + encoded + "\";Subject=\"CN=agent\"";
	}

	/** A token from the client's own mutual-TLS token request, so bound to its certificate. */
	private static String token(String clientId) {
		TestCertificates certificate = "agent-pki".equals(clientId) ? pkiClient : selfSignedClient;
		return as.mtlsClientCredentialsToken(clientId, certificate, AUDIENCE, "orders:read");
	}

	private RawHttp.Response get(RawHttp client, String path, String... headerLines) {
		return client.request("GET", path, headerLines);
	}

	private RawHttp proxy() {
		return RawHttp.to(this.port);
	}

	private RawHttp untrusted() {
		return RawHttp.to(this.port).from("127.0.0.2");
	}

	@Test
	void requestWhenPkiCertificateForwardedByTrustedProxyThenAcceptedAndHeaderNotForwarded_rfc8705_3() {
		RawHttp.Response response = get(proxy(), "/mtls/1", "Authorization: Bearer " + token("agent-pki"),
				xfcc(pkiClient));

		assertThat(response.status()).isEqualTo(200);
		assertThat(upstream.lastHeaders().keySet()).noneMatch((name) -> name.equalsIgnoreCase(HEADER));
	}

	@Test
	void requestWhenSelfSignedCertificateForwardedThenAccepted_rfc8705_2_2() {
		RawHttp.Response response = get(proxy(), "/mtls/1", "Authorization: Bearer " + token("agent-self"),
				xfcc(selfSignedClient));

		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void requestWhenAnotherCertificateThenRefused_rfc8705_3() {
		RawHttp.Response response = get(proxy(), "/mtls/1", "Authorization: Bearer " + token("agent-pki"),
				xfcc(stranger));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).contains("/problems/cert-mismatch\"");
	}

	@Test
	void requestWhenNoCertificateThenRefused_rfc8705_3() {
		RawHttp.Response response = get(proxy(), "/mtls/1", "Authorization: Bearer " + token("agent-pki"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).contains("/problems/missing-certificate\"");
	}

	@Test
	void requestWhenCertificateBoundTokenWithoutCertificateOnRouteWithoutBindingThenRefused_rfc8705_3() {
		RawHttp.Response response = get(proxy(), "/plain/1", "Authorization: Bearer " + token("agent-pki"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).contains("/problems/missing-certificate\"");
	}

	@Test
	void requestWhenUntrustedPeerSendsTheHeaderThenIgnored_rfc8705_3() {
		RawHttp.Response response = get(untrusted(), "/mtls/1", "Authorization: Bearer " + token("agent-pki"),
				xfcc(pkiClient));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).contains("/problems/missing-certificate\"");
	}

	@Test
	void requestWhenUntrustedPeerSendsTheHeaderOnPublicRouteThenStripped() {
		RawHttp.Response response = get(untrusted(), "/public/1", xfcc(pkiClient),
				"x_forwarded_client_cert: Cert=\"x\"");

		assertThat(response.status()).isEqualTo(200);
		assertThat(upstream.lastHeaders().keySet())
			.noneMatch((name) -> name.replace('_', '-').equalsIgnoreCase(HEADER));
	}

	@Test
	void requestWhenUnboundTokenOnMtlsRouteThenRefused() {
		RawHttp.Response response = get(proxy(), "/mtls/1",
				"Authorization: Bearer " + as.clientCredentialsToken("agent-es", AUDIENCE, "orders:read"),
				xfcc(pkiClient));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).contains("/problems/unbound-token\"");
	}

}
