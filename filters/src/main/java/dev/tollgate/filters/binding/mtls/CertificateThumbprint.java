package dev.tollgate.filters.binding.mtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import com.nimbusds.jose.util.Base64URL;

/** {@code x5t#S256}: the base64url SHA-256 of a certificate's DER encoding (RFC 8705 §3.1, RFC 7515 §4.1.8). */
public final class CertificateThumbprint {

	private CertificateThumbprint() {
	}

	public static String of(X509Certificate certificate) {
		try {
			return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())).toString();
		}
		catch (CertificateEncodingException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("cannot hash the client certificate", ex);
		}
	}

}
