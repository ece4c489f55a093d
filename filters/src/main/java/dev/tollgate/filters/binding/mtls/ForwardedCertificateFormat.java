package dev.tollgate.filters.binding.mtls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * How a front proxy that terminates TLS passes the client certificate on, in a header.
 */
public enum ForwardedCertificateFormat {

	/**
	 * Envoy's {@code X-Forwarded-Client-Cert}: {@code ;}-separated {@code key=value} pairs, values optionally quoted;
	 * the certificate is {@code Cert="<url-encoded PEM>"}. Comma-separated elements come from successive proxies; the
	 * first is the client's, so the edge proxy must set (not append to) the header: Envoy's
	 * {@code forward_client_cert_details: SANITIZE_SET}.
	 */
	XFCC,
	/** nginx's {@code $ssl_client_escaped_cert}: the URL-encoded PEM, e.g. {@code proxy_set_header X-SSL-Client-Cert $ssl_client_escaped_cert}. */
	PEM_URL_ENCODED;

	/** @return the certificate, or {@code null} when the value holds none or is malformed */
	public X509Certificate parse(String value) {
		if (value == null || value.isEmpty() || value.length() > 16384) {
			return null;
		}
		String encodedPem = (this == XFCC) ? xfccCert(value) : value.trim();
		if (encodedPem == null) {
			return null;
		}
		String pem = percentDecode(encodedPem);
		if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
			return null;
		}
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (CertificateException | ClassCastException ex) {
			return null;
		}
	}

	/** The {@code Cert} value of the first XFCC element, unquoted; {@code null} when it has none. */
	static String xfccCert(String header) {
		int i = 0;
		int n = header.length();
		while (i < n) {
			int keyStart = i;
			while (i < n && header.charAt(i) != '=' && header.charAt(i) != ';' && header.charAt(i) != ',') {
				i++;
			}
			String key = header.substring(keyStart, i).trim();
			String value = null;
			if (i < n && header.charAt(i) == '=') {
				i++;
				StringBuilder sb = new StringBuilder();
				if (i < n && header.charAt(i) == '"') {
					i++;
					while (i < n && header.charAt(i) != '"') {
						if (header.charAt(i) == '\\' && i + 1 < n) {
							i++;
						}
						sb.append(header.charAt(i++));
					}
					if (i >= n) {
						return null;
					}
					i++;
				}
				else {
					while (i < n && header.charAt(i) != ';' && header.charAt(i) != ',') {
						sb.append(header.charAt(i++));
					}
				}
				value = sb.toString();
			}
			if ("Cert".equalsIgnoreCase(key)) {
				return value;
			}
			if (i < n && header.charAt(i) == ',') {
				return null;
			}
			i++;
		}
		return null;
	}

	/** RFC 3986 percent-decoding; {@code +} stays {@code +} (it is base64, not a space). */
	static String percentDecode(String value) {
		byte[] out = new byte[value.length()];
		int length = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '%') {
				if (i + 2 >= value.length()) {
					return null;
				}
				int hi = Character.digit(value.charAt(i + 1), 16);
				int lo = Character.digit(value.charAt(i + 2), 16);
				if (hi < 0 || lo < 0) {
					return null;
				}
				out[length++] = (byte) (hi * 16 + lo);
				i += 2;
			}
			else if (c > 0x7e) {
				return null;
			}
			else {
				out[length++] = (byte) c;
			}
		}
		return new String(out, 0, length, StandardCharsets.US_ASCII);
	}

}
