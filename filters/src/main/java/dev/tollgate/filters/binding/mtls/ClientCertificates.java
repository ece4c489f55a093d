package dev.tollgate.filters.binding.mtls;

import java.security.cert.X509Certificate;

import org.springframework.http.server.reactive.SslInfo;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client certificate of a request (RFC 8705 §3): the one a trusted front proxy forwarded
 * ({@link ForwardedCertificateWebFilter}), else the one presented in the TLS handshake with the gateway itself
 * ({@code server.ssl.client-auth: want} with a Spring Boot SSL bundle). Whether it was PKI-validated or is
 * self-signed (RFC 8705 §2.1, §2.2) is the TLS terminator's concern; the token's {@code cnf.x5t#S256} is what binds
 * it to the token.
 */
public final class ClientCertificates {

	/** Exchange attribute holding the forwarded {@link X509Certificate}. */
	public static final String FORWARDED_ATTRIBUTE = "tollgate.forwardedClientCertificate";

	private ClientCertificates() {
	}

	/** @return the client's certificate, or {@code null} when the request came with none */
	public static X509Certificate of(ServerWebExchange exchange) {
		Object forwarded = exchange.getAttribute(FORWARDED_ATTRIBUTE);
		if (forwarded instanceof X509Certificate certificate) {
			return certificate;
		}
		SslInfo ssl = exchange.getRequest().getSslInfo();
		X509Certificate[] chain = (ssl != null) ? ssl.getPeerCertificates() : null;
		return (chain != null && chain.length > 0) ? chain[0] : null;
	}

}
