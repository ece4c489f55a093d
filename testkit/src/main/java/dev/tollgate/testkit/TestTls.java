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
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for {@code 127.0.0.1}, made by the {@code openssl} command line (as an operator
 * would), as PEM files for a server and a PKCS12 trust store for a Java client. Lives in a temporary directory.
 *
 * @param certificate PEM certificate
 * @param privateKey PEM private key
 * @param trustStore PKCS12 trust store holding the certificate
 * @param trustStorePassword its password
 */
public record TestTls(Path certificate, Path privateKey, Path trustStore, String trustStorePassword) {

	/** Whether {@code openssl} can be run here. */
	public static boolean available() {
		try {
			return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** A new key pair and certificate, valid for a day, subject alternative name {@code IP:127.0.0.1}. */
	public static TestTls selfSigned() {
		try {
			Path dir = Files.createTempDirectory("tollgate-tls-");
			Path cert = dir.resolve("server.crt");
			Path key = dir.resolve("server.key");
			run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
					"/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out",
					cert.toString()));
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			try (InputStream in = Files.newInputStream(cert)) {
				trust.setCertificateEntry("redis", CertificateFactory.getInstance("X.509").generateCertificate(in));
			}
			Path trustStore = dir.resolve("trust.p12");
			String password = "changeit-" + Long.toHexString(System.nanoTime());
			try (OutputStream out = Files.newOutputStream(trustStore)) {
				trust.store(out, password.toCharArray());
			}
			return new TestTls(cert, key, trustStore, password);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code redis-server} arguments serving TLS only, on {@code port}, with this certificate. */
	public List<String> redisServerArgs(int port) {
		return List.of("--port", "0", "--tls-port", Integer.toString(port), "--tls-cert-file",
				this.certificate.toString(), "--tls-key-file", this.privateKey.toString(), "--tls-ca-cert-file",
				this.certificate.toString(), "--tls-auth-clients", "no");
	}

	private static void run(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("openssl failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
