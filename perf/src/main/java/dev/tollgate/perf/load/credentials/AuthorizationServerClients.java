package dev.tollgate.perf.load.credentials;

import java.io.IOException;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.JWK;
import tools.jackson.databind.json.JsonMapper;

import dev.tollgate.devauth.DevAuthorizationServer;
import dev.tollgate.devauth.DevAuthorizationServerSettings;
import dev.tollgate.devauth.DevClient;

import dev.tollgate.perf.load.process.ManagedProcess;
import dev.tollgate.perf.load.process.Ports;
import dev.tollgate.perf.load.systems.Stage;
import dev.tollgate.testkit.TestDpopProofs;

/**
 * The dev Spring Authorization Server with one registered client per simulated caller ({@code perf-client-00000}...),
 * each getting a real client-credentials token for the route's audience, plus the gateways' own client, which may use
 * the RFC 8693 token-exchange grant.
 *
 * <p>
 * It runs in a process of its own ({@link #main}), started from the harness's classpath without the Spring Cloud
 * jars: Spring Cloud's bootstrap initializer expects a configuration {@code Binder} that the dev server's isolated
 * context does not register. A process of its own also keeps its work (issuing tokens, exchanges during warm-up) out
 * of the harness JVM.
 */
public final class AuthorizationServerClients implements AutoCloseable {

	public static final String GATEWAY_CLIENT_ID = "perf-gateway";

	public static final String GATEWAY_CLIENT_SECRET = "perf-gateway-secret";

	static final String CLIENT_SECRET = "perf-client-secret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ManagedProcess process;

	private final int clients;

	private AuthorizationServerClients(ManagedProcess process, int clients) {
		this.process = process;
		this.clients = clients;
	}

	/**
	 * Starts the server on a free loopback port. Tokens live for {@code tokenTtl}, longer than the whole run, so no
	 * gateway ever sees an expired token or has to re-exchange during a measurement.
	 */
	public static AuthorizationServerClients start(int clients, Duration tokenTtl, Path workDir) {
		int port = Ports.free();
		String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter(entry -> !Path.of(entry).getFileName().toString().startsWith("spring-cloud-"))
			.filter(entry -> !Path.of(entry).getFileName().toString().startsWith("tollgate-gateway"))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = ManagedProcess.java(List.of("-Xms512m", "-Xmx1g"), "-cp", classpath,
				AuthorizationServerClients.class.getName(), Integer.toString(port), Integer.toString(clients),
				Long.toString(tokenTtl.toSeconds()));
		return new AuthorizationServerClients(ManagedProcess.start("authorization-server", command,
				workDir.resolve("authorization-server.log"), port, Duration.ofMinutes(3)), clients);
	}

	/** {@code AuthorizationServerClients <port> <clients> <token ttl seconds>}: runs the server until killed. */
	public static void main(String[] args) throws InterruptedException {
		int port = Integer.parseInt(args[0]);
		int clients = Integer.parseInt(args[1]);
		Duration ttl = Duration.ofSeconds(Long.parseLong(args[2]));
		DevAuthorizationServerSettings.Builder settings = DevAuthorizationServerSettings.builder()
			.port(port)
			.issuerHost("127.0.0.1");
		for (int i = 0; i < clients; i++) {
			settings.client(DevClient.withId(clientId(i))
				.secret(CLIENT_SECRET)
				.scopes(Stage.SCOPE)
				.defaultAudience(Stage.AUDIENCE)
				.algorithm(DevClient.SigningAlgorithm.RS256)
				.tokenTtl(ttl)
				.build());
		}
		settings.client(DevClient.withId(GATEWAY_CLIENT_ID)
			.secret(GATEWAY_CLIENT_SECRET)
			.grantTypes(DevClient.GrantType.TOKEN_EXCHANGE, DevClient.GrantType.CLIENT_CREDENTIALS)
			.scopes(Stage.SCOPE)
			.defaultAudience(Stage.UPSTREAM_AUDIENCE)
			.algorithm(DevClient.SigningAlgorithm.RS256)
			.tokenTtl(ttl)
			.build());
		DevAuthorizationServer server = DevAuthorizationServer.start(settings.build());
		System.out.println("perf authorization server: " + server.issuerUri() + " with " + clients + " clients");
		Thread.currentThread().join();
	}

	public static String clientId(int index) {
		return String.format("perf-client-%05d", index);
	}

	public String issuerUri() {
		return "http://127.0.0.1:" + this.process.port();
	}

	public String jwksUri() {
		return issuerUri() + "/oauth2/jwks";
	}

	public String tokenUri() {
		return issuerUri() + "/oauth2/token";
	}

	/** One access token per client, in client order, fetched over HTTP with a few requests in flight. */
	public List<String> mintTokens(int parallelism) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		ExecutorService pool = Executors.newFixedThreadPool(parallelism);
		try {
			List<Future<String>> futures = new ArrayList<>(this.clients);
			for (int i = 0; i < this.clients; i++) {
				String clientId = clientId(i);
				futures.add(pool.submit(() -> token(http, clientId)));
			}
			List<String> tokens = new ArrayList<>(this.clients);
			for (Future<String> f : futures) {
				tokens.add(f.get());
			}
			return tokens;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * One DPoP-bound access token per client (RFC 9449 §5): each token request carries a proof of {@code key}, so the
	 * server binds the token to it ({@code cnf.jkt}).
	 */
	public List<String> mintDpopTokens(JWK key, int parallelism) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		ExecutorService pool = Executors.newFixedThreadPool(parallelism);
		try {
			List<Future<String>> futures = new ArrayList<>(this.clients);
			for (int i = 0; i < this.clients; i++) {
				String clientId = clientId(i);
				futures.add(pool.submit(() -> token(http, clientId,
						TestDpopProofs.proof(key).method("POST").uri(tokenUri()).build())));
			}
			List<String> tokens = new ArrayList<>(this.clients);
			for (Future<String> f : futures) {
				tokens.add(f.get());
			}
			return tokens;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private String token(HttpClient http, String clientId) throws IOException, InterruptedException {
		return token(http, clientId, null);
	}

	private String token(HttpClient http, String clientId, String dpopProof) throws IOException, InterruptedException {
		String basic = Base64.getEncoder()
			.encodeToString((clientId + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(tokenUri()))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + Stage.SCOPE))
			.timeout(Duration.ofSeconds(30));
		if (dpopProof != null) {
			builder.header("DPoP", dpopProof);
		}
		HttpRequest request = builder.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("token request for " + clientId + " answered " + response.statusCode());
		}
		Object token = JSON.readValue(response.body(), Map.class).get("access_token");
		if (!(token instanceof String value)) {
			throw new IllegalStateException("token response for " + clientId + " has no access_token");
		}
		return value;
	}

	@Override
	public void close() {
		this.process.close();
	}

}
