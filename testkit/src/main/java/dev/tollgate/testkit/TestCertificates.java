package dev.tollgate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;

/**
 * Client and CA certificates made at test time by the {@code openssl} command line, as an operator would: a CA,
 * leaf certificates it issued (RFC 8705 §2.1, PKI) and self-signed ones (§2.2), each with its key in a PKCS12 key
 * store for a TLS client, its PEM for a proxy header, its {@code x5t#S256} for a token's {@code cnf}, and its JWK
 * (with {@code x5c}) for a self-signed client's JWK set.
 *
 * @param certificatePem PEM certificate
 * @param privateKeyPem PEM private key
 * @param keyStore PKCS12 key store with the key and certificate (alias {@code client}); for an issued certificate
 * the entry's chain also holds the CA, so a TLS client sends both
 * @param password the key store's password
 */
public record TestCertificates(Path certificatePem, Path privateKeyPem, Path keyStore, String password) {

	/** A self-signed certificate, valid for a day. */
	public static TestCertificates selfSigned(String commonName) {
		Path dir = tempDir();
		Path cert = dir.resolve("cert.pem");
		Path key = dir.resolve("key.pem");
		run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
				"-days", "1", "-subj", "/CN=" + commonName, "-keyout", key.toString(), "-out", cert.toString()));
		return withKeyStore(dir, cert, key);
	}

	/** A CA (self-signed, {@code CA:true}) to issue client certificates with {@link #issue}. */
	public static TestCertificates certificateAuthority(String commonName) {
		Path dir = tempDir();
		Path cert = dir.resolve("cert.pem");
		Path key = dir.resolve("key.pem");
		run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
				"-days", "1", "-subj", "/CN=" + commonName, "-addext", "basicConstraints=critical,CA:true",
				"-addext", "keyUsage=critical,keyCertSign", "-keyout", key.toString(), "-out", cert.toString()));
		return withKeyStore(dir, cert, key);
	}

	/**
	 * A client certificate issued by this CA, valid for a day. Its key store's chain is leaf and CA: a client sends
	 * the whole chain, and Spring Authorization Server takes a single certificate for a self-signed one.
	 */
	public TestCertificates issue(String commonName) {
		Path dir = tempDir();
		Path csr = dir.resolve("req.csr");
		Path cert = dir.resolve("cert.pem");
		Path key = dir.resolve("key.pem");
		Path ext = dir.resolve("ext.cnf");
		try {
			Files.writeString(ext, "extendedKeyUsage=clientAuth\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		run(List.of("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
				"-subj", "/CN=" + commonName, "-keyout", key.toString(), "-out", csr.toString()));
		run(List.of("openssl", "x509", "-req", "-in", csr.toString(), "-CA", this.certificatePem.toString(), "-CAkey",
				this.privateKeyPem.toString(), "-CAcreateserial", "-days", "1", "-extfile", ext.toString(), "-out",
				cert.toString()));
		return withKeyStore(dir, cert, key, "-certfile", this.certificatePem.toString());
	}

	/** The certificate. */
	public X509Certificate certificate() {
		try (InputStream in = Files.newInputStream(this.certificatePem)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The certificate's public key as a JWK with the certificate in {@code x5c}: what a
	 * {@code self_signed_tls_client_auth} client publishes in its JWK set (RFC 8705 §2.2).
	 */
	public JWK jwk() {
		// Not JWK.parse(X509Certificate): that one needs Bouncy Castle. These certificates all have P-256 keys.
		X509Certificate certificate = certificate();
		try {
			return new ECKey.Builder(Curve.P_256, (ECPublicKey) certificate.getPublicKey())
				.x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode(certificate.getEncoded())))
				.build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The PEM text. */
	public String pem() {
		try {
			return Files.readString(this.certificatePem, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code x5t#S256}: base64url SHA-256 of the DER certificate (RFC 8705 §3.1). */
	public String thumbprint() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate().getEncoded());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A PKCS12 trust store holding this certificate (a CA, or a self-signed client pinned as its own anchor). */
	public Path trustStore() {
		try {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("trusted", certificate());
			Path path = this.keyStore.resolveSibling("trust.p12");
			try (OutputStream out = Files.newOutputStream(path)) {
				trust.store(out, this.password.toCharArray());
			}
			return path;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static TestCertificates withKeyStore(Path dir, Path cert, Path key, String... more) {
		Path store = dir.resolve("client.p12");
		String password = "changeit";
		List<String> command = new ArrayList<>(List.of("openssl", "pkcs12", "-export", "-in", cert.toString(),
				"-inkey", key.toString(), "-name", "client", "-passout", "pass:" + password, "-out", store.toString()));
		command.addAll(List.of(more));
		run(command);
		return new TestCertificates(cert, key, store, password);
	}

	private static Path tempDir() {
		try {
			return Files.createTempDirectory("tollgate-cert-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("openssl failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
