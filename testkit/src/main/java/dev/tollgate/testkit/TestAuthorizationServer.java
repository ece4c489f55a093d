package dev.tollgate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.devauth.DevAuthorizationServer;
import dev.tollgate.devauth.DevAuthorizationServerSettings;
import dev.tollgate.devauth.DevClient;
import dev.tollgate.devauth.DevClient.GrantType;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * A real Spring Authorization Server ({@link DevAuthorizationServer}) on a random port, plus one-line token
 * requests over real HTTP.
 *
 * <p>
 * Default clients of {@link #start()}, all with secret {@value #SECRET} and scopes {@value #SCOPES}:
 * {@code agent-rs} (RS256 JWTs), {@code agent-es} (ES256 JWTs), {@code agent-opaque} (reference tokens) and
 * {@code gateway} (client credentials and token exchange; also the client used for introspection). Tokens
 * requested without an audience get {@value #DEFAULT_AUDIENCE}.
 *
 * <p>
 * {@link #startWithMutualTls} adds an HTTPS port asking for client certificates, for RFC 8705 clients
 * ({@link DevClient.Builder#tlsClientAuth}, {@link DevClient.Builder#selfSignedTlsClientAuth}); they get
 * certificate-bound tokens from {@link #mtlsClientCredentialsToken}.
 */
public final class TestAuthorizationServer implements AutoCloseable {

	public static final String SECRET = "secret";
	public static final String SCOPES = "orders:read orders:write tools:call echo:read";
	public static final String DEFAULT_AUDIENCE = "https://tollgate.test";
	public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
	public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static TestAuthorizationServer shared;

	private final DevAuthorizationServer server;

	private final boolean closeable;

	/** The mutual-TLS port's server certificate, which the client side trusts; {@code null} without that port. */
	private final TestTls mutualTls;

	private final Map<String, HttpClient> mutualTlsClients = new ConcurrentHashMap<>();

	private TestAuthorizationServer(DevAuthorizationServer server, boolean closeable, TestTls mutualTls) {
		this.server = server;
		this.closeable = closeable;
		this.mutualTls = mutualTls;
	}

	/**
	 * One server with the default clients for the whole JVM (starting one costs a second or more, so test classes
	 * that only need tokens share it); {@link #close()} on it does nothing. Its counters are shared too: reset them
	 * at the start of what a test counts. Tests that stop it or rotate its keys must start their own with
	 * {@link #start()}.
	 */
	public static synchronized TestAuthorizationServer shared() {
		if (shared == null) {
			shared = new TestAuthorizationServer(DevAuthorizationServer.start(defaultSettings().build()), false,
					null);
		}
		return shared;
	}

	/** The default clients on a random port. */
	public static TestAuthorizationServer start() {
		return start(defaultSettings().build());
	}

	public static TestAuthorizationServer start(DevAuthorizationServerSettings settings) {
		return new TestAuthorizationServer(DevAuthorizationServer.start(settings), true, null);
	}

	/**
	 * Starts a server that also serves HTTPS with client certificates requested (RFC 8705 §2), with a server
	 * certificate made now. Its TLS layer trusts exactly {@code trusted}: the CAs of {@code tls_client_auth} clients
	 * and the certificates of {@code self_signed_tls_client_auth} clients.
	 */
	public static TestAuthorizationServer startWithMutualTls(DevAuthorizationServerSettings.Builder settings,
			TestCertificates... trusted) {
		TestTls tls = TestTls.selfSigned();
		String trustedPem = Arrays.stream(trusted).map(TestCertificates::pem).collect(Collectors.joining());
		PemSslStoreDetails key = PemSslStoreDetails.forCertificates(read(tls.certificate()))
			.withPrivateKey(read(tls.privateKey()));
		SslBundle bundle = SslBundle.of(new PemSslStoreBundle(key, PemSslStoreDetails.forCertificates(trustedPem)));
		return new TestAuthorizationServer(DevAuthorizationServer.start(settings.mutualTls(bundle).build()), true, tls);
	}

	/** Settings with the default clients, to add clients or change port/metadata before starting. */
	public static DevAuthorizationServerSettings.Builder defaultSettings() {
		String[] scopes = SCOPES.split(" ");
		return DevAuthorizationServerSettings.builder()
			.client(defaultClient("agent-rs", scopes).build())
			.client(defaultClient("agent-es", scopes).algorithm(DevClient.SigningAlgorithm.ES256).build())
			.client(defaultClient("agent-opaque", scopes).tokenFormat(DevClient.TokenFormat.REFERENCE).build())
			.client(defaultClient("gateway", scopes).grantTypes(GrantType.CLIENT_CREDENTIALS, GrantType.TOKEN_EXCHANGE)
				.build());
	}

	public DevAuthorizationServer server() {
		return this.server;
	}

	public String issuerUri() {
		return this.server.issuerUri();
	}

	public String jwksUri() {
		return this.server.jwksUri();
	}

	public String tokenUri() {
		return this.server.tokenUri();
	}

	/** The token endpoint on the mutual-TLS port, see {@link DevAuthorizationServer#mutualTlsTokenUri()}. */
	public String mutualTlsTokenUri() {
		return this.server.mutualTlsTokenUri();
	}

	public String introspectionUri() {
		return this.server.introspectionUri();
	}

	public String revocationUri() {
		return this.server.revocationUri();
	}

	/** Client credentials grant; {@code audience} may be null for the client's default. Returns the access token. */
	public String clientCredentialsToken(String clientId, String audience, String... scopes) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		putScope(form, scopes);
		if (audience != null) {
			form.put("audience", audience);
		}
		return accessToken(postForm(tokenUri(), clientId, form));
	}

	/**
	 * Client credentials grant authenticated with {@code private_key_jwt} (RFC 7523 §2.2) instead of a secret; the
	 * client must be registered with {@link DevClient.Builder#privateKeyJwt} and {@code key}'s public half be
	 * served at that JWKS URI (e.g. by {@link TestJwks}).
	 */
	public String clientCredentialsTokenWithPrivateKeyJwt(String clientId, JWK key, String audience,
			String... scopes) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		putScope(form, scopes);
		if (audience != null) {
			form.put("audience", audience);
		}
		form.put("client_id", clientId);
		form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		form.put("client_assertion", clientAssertion(clientId, key));
		return accessToken(post(tokenUri(), null, form));
	}

	/**
	 * Client credentials grant authenticated with mutual TLS (RFC 8705 §2): over the HTTPS port, presenting
	 * {@code certificate}'s key and chain, with {@code client_id} as the only client parameter. The access token is
	 * bound to that certificate ({@code cnf.x5t#S256}, §3.1).
	 */
	public String mtlsClientCredentialsToken(String clientId, TestCertificates certificate, String audience,
			String... scopes) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		putScope(form, scopes);
		if (audience != null) {
			form.put("audience", audience);
		}
		return accessToken(postMutualTls(clientId, certificate, form));
	}

	/**
	 * POSTs a form with {@code client_id} to the mutual-TLS token endpoint, presenting {@code certificate} (none if
	 * null), and returns the raw response, for tests of error answers.
	 */
	public HttpResponse<String> postMutualTls(String clientId, TestCertificates certificate,
			Map<String, String> form) {
		if (this.mutualTls == null) {
			throw new IllegalStateException("started without mutual TLS: use startWithMutualTls");
		}
		Map<String, String> withClientId = new LinkedHashMap<>(form);
		withClientId.put("client_id", clientId);
		String key = (certificate != null) ? certificate.keyStore().toString() : "";
		HttpClient http = this.mutualTlsClients.computeIfAbsent(key, k -> mutualTlsClient(certificate));
		return send(http, request(mutualTlsTokenUri(), withClientId, Map.of()));
	}

	/**
	 * Client credentials grant with a DPoP proof of {@code key} (RFC 9449 §5): Spring Authorization Server verifies
	 * the proof and binds the access token to the key ({@code cnf.jkt}, {@code token_type: DPoP}).
	 */
	public String dpopToken(String clientId, JWK key, String audience, String... scopes) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		putScope(form, scopes);
		if (audience != null) {
			form.put("audience", audience);
		}
		String proof = TestDpopProofs.proof(key).method("POST").uri(tokenUri()).build();
		return accessToken(post(tokenUri(), clientId, form, Map.of("DPoP", proof)));
	}

	/** A client assertion for this server's token endpoint: iss = sub = client id, one-minute expiry, fresh jti. */
	public String clientAssertion(String clientId, JWK key) {
		return TestJwts.jwt()
			.type(null)
			.issuer(clientId)
			.subject(clientId)
			.audience(tokenUri())
			.clientId(null)
			.scope(null)
			.expiresIn(Duration.ofMinutes(1))
			.signWith(key)
			.build();
	}

	/** A reference token from a client registered for them ({@code agent-opaque} by default), default audience. */
	public String opaqueToken(String clientId, String... scopes) {
		return opaqueTokenFor(clientId, null, scopes);
	}

	/** A reference token for the given audience. */
	public String opaqueTokenFor(String clientId, String audience, String... scopes) {
		String token = clientCredentialsToken(clientId, audience, scopes);
		if (token.chars().filter(c -> c == '.').count() == 2) {
			throw new IllegalArgumentException(clientId + " issues JWTs, not reference tokens; use agent-opaque");
		}
		return token;
	}

	/** RFC 8693 token exchange of an access token issued by this server. Returns the new access token. */
	public String exchange(String clientId, String subjectToken, String audience, String... scopes) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", TOKEN_EXCHANGE);
		form.put("subject_token", subjectToken);
		form.put("subject_token_type", ACCESS_TOKEN_TYPE);
		if (audience != null) {
			form.put("audience", audience);
		}
		putScope(form, scopes);
		return accessToken(postForm(tokenUri(), clientId, form));
	}

	/** RFC 7662 introspection, authenticated as {@code gateway}; the parsed JSON response. */
	public Map<String, Object> introspect(String token) {
		HttpResponse<String> response = postForm(introspectionUri(), "gateway", Map.of("token", token));
		requireOk(response);
		return json(response.body());
	}

	/** RFC 7009 revocation by the client the token was issued to. */
	public void revoke(String clientId, String token) {
		requireOk(postForm(this.server.revocationUri(), clientId, Map.of("token", token)));
	}

	/**
	 * POSTs a form with HTTP Basic client authentication (secret {@value #SECRET}) and returns the raw response,
	 * for tests of error answers.
	 */
	public HttpResponse<String> postForm(String uri, String clientId, Map<String, String> form) {
		return post(uri, clientId, form);
	}

	/** POSTs a form, with HTTP Basic client authentication unless {@code clientId} is null. */
	private HttpResponse<String> post(String uri, String clientId, Map<String, String> form) {
		return post(uri, clientId, form, Map.of());
	}

	private HttpResponse<String> post(String uri, String clientId, Map<String, String> form,
			Map<String, String> headers) {
		HttpRequest.Builder request = request(uri, form, headers);
		if (clientId != null) {
			String basic = Base64.getEncoder()
				.encodeToString((clientId + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
			request.header("Authorization", "Basic " + basic);
		}
		return send(HTTP, request);
	}

	private static HttpRequest.Builder request(String uri, Map<String, String> form, Map<String, String> headers) {
		String body = form.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		return request;
	}

	private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
		HttpRequest built = request.build();
		try {
			return http.send(built, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("POST " + built.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/** Stops the server; no-op for {@link #shared()}, which the JVM's shutdown closes. */
	@Override
	public void close() {
		if (this.closeable) {
			this.server.close();
		}
	}

	/** A client that trusts the server's certificate and presents {@code certificate} (none if null). */
	private HttpClient mutualTlsClient(TestCertificates certificate) {
		try {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(this.mutualTls.trustStore())) {
				trust.load(in, this.mutualTls.trustStorePassword().toCharArray());
			}
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trust);
			KeyManager[] keyManagers = null;
			if (certificate != null) {
				KeyStore keys = KeyStore.getInstance("PKCS12");
				try (InputStream in = Files.newInputStream(certificate.keyStore())) {
					keys.load(in, certificate.password().toCharArray());
				}
				KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				factory.init(keys, certificate.password().toCharArray());
				keyManagers = factory.getKeyManagers();
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers, trustManagers.getTrustManagers(), null);
			return HttpClient.newBuilder()
				.sslContext(context)
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Path path) {
		try {
			return Files.readString(path, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static DevClient.Builder defaultClient(String clientId, String[] scopes) {
		return DevClient.withId(clientId).secret(SECRET).scopes(scopes).defaultAudience(DEFAULT_AUDIENCE);
	}

	private static void putScope(Map<String, String> form, String[] scopes) {
		if (scopes.length > 0) {
			form.put("scope", String.join(" ", scopes));
		}
	}

	private static String accessToken(HttpResponse<String> response) {
		requireOk(response);
		Object token = json(response.body()).get("access_token");
		if (!(token instanceof String value)) {
			throw new IllegalStateException("token response without access_token");
		}
		return value;
	}

	private static void requireOk(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			// The body of an error answer is an RFC 6749 §5.2 error object; it holds no secrets.
			throw new IllegalStateException("HTTP " + response.statusCode() + " from " + response.uri() + ": "
					+ response.body());
		}
	}

	private static Map<String, Object> json(String body) {
		try {
			return JSONObjectUtils.parse(body);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("not JSON: " + body, ex);
		}
	}

}
