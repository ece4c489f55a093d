package dev.tollgate.filters.binding.mtls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.tollgate.testkit.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/** The two header formats front proxies forward client certificates in. */
class ForwardedCertificateFormatTests {

	static final TestCertificates client = TestCertificates.selfSigned("agent");

	private static String encoded(String pem) {
		return URLEncoder.encode(pem, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@Test
	void parseWhenNginxEscapedPemThenCertificate() {
		assertThat(ForwardedCertificateFormat.PEM_URL_ENCODED.parse(encoded(client.pem())))
			.isEqualTo(client.certificate());
	}

	@Test
	void parseWhenEnvoyXfccWithQuotedCertThenCertificate() {
		String xfcc = "Hash=deadbeef;Cert=\"" + encoded(client.pem()) + "\";Subject=\"CN=a,O=b\";URI=spiffe://x";

		assertThat(ForwardedCertificateFormat.XFCC.parse(xfcc)).isEqualTo(client.certificate());
	}

	@Test
	void parseWhenXfccHasSeveralElementsThenFirstIsTheClients() {
		String xfcc = "Cert=\"" + encoded(client.pem()) + "\",By=spiffe://next;Cert=\"garbage\"";

		assertThat(ForwardedCertificateFormat.XFCC.parse(xfcc)).isEqualTo(client.certificate());
	}

	@Test
	void parseWhenXfccFirstElementHasNoCertThenNone() {
		String xfcc = "Hash=abc,Cert=\"" + encoded(client.pem()) + "\"";

		assertThat(ForwardedCertificateFormat.XFCC.parse(xfcc)).isNull();
	}

	@Test
	void parseWhenMalformedThenNone() {
		assertThat(ForwardedCertificateFormat.PEM_URL_ENCODED.parse("%zz")).isNull();
		assertThat(ForwardedCertificateFormat.PEM_URL_ENCODED.parse("not a certificate")).isNull();
		assertThat(ForwardedCertificateFormat.XFCC.parse("Cert=\"unterminated")).isNull();
	}

	@Test
	void thumbprintWhenCertificateThenBase64UrlSha256OfDer_rfc8705_3_1() {
		assertThat(CertificateThumbprint.of(client.certificate())).isEqualTo(client.thumbprint());
	}

}
