package dev.tollgate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Keycloak ({@code kc.sh start-dev}) as a child process on a free loopback port, for tests that check what
 * Keycloak itself does (DPoP-bound tokens, token exchange). No container engine: the distribution is the
 * {@code org.keycloak:keycloak-quarkus-dist} zip that Maven unpacks into {@code target/} (see gateway-app's pom),
 * named by the system property {@value #HOME_PROPERTY}. Keycloak needs Java 21 or later; the JDK is
 * {@value #JAVA_HOME_PROPERTY} when set, else this JVM when it is recent enough, else the newest one under
 * {@code /usr/lib/jvm}. Missing either fails with a message naming it: no silent skip.
 *
 * <p>
 * Start-up takes a minute or more (Quarkus re-augments the distribution on the first start-dev), so start one per
 * test class. The database is start-dev's default dev-file H2, wiped at each start; the server's output goes to
 * {@link #logFile()}. Realms and clients are set up over the admin REST API with the bootstrap admin
 * ({@code KC_BOOTSTRAP_ADMIN_USERNAME}/{@code KC_BOOTSTRAP_ADMIN_PASSWORD}).
 *
 * <pre>{@code
 * try (KeycloakServer keycloak = KeycloakServer.start()) {
 *     keycloak.createRealm("agents");
 *     keycloak.createClient("agents", KeycloakClients.confidentialClient("agent", "agent-secret"));
 *     HttpResponse<String> token = keycloak.tokenRequest("agents", Map.of("grant_type", "client_credentials",
 *             "client_id", "agent", "client_secret", "agent-secret"), Map.of());
 * }
 * }</pre>
 */
public final class KeycloakServer implements AutoCloseable {

	/** Directory of the unpacked distribution (the one holding {@code bin/kc.sh}). */
	public static final String HOME_PROPERTY = "tollgate.keycloak.home";

	/** A JDK (21 or later) to run Keycloak with, instead of searching for one. */
	public static final String JAVA_HOME_PROPERTY = "tollgate.keycloak.java-home";

	/** How long to wait for Keycloak to answer, e.g. {@code 300s}; default five minutes (busy two-core CI). */
	public static final String START_TIMEOUT_PROPERTY = "tollgate.keycloak.start-timeout";

	private static final int MIN_JAVA = 21;

	private static final String HOST = "127.0.0.1";

	private static final String ADMIN = "admin";

	private static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(5);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(KeycloakServer::kill),
				"keycloak-shutdown"));
	}

	private final Path home;

	private final Path javaHome;

	private final String adminPassword = UUID.randomUUID().toString();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Path logFile;

	private int port;

	private Process process;

	private Duration startupTime;

	private String adminToken;

	private long adminTokenExpiresNanos;

	private KeycloakServer(Path home, Path javaHome) {
		this.home = home;
		this.javaHome = javaHome;
	}

	/** Starts the distribution named by {@value #HOME_PROPERTY}; fails naming what is missing. */
	public static KeycloakServer start() {
		String home = System.getProperty(HOME_PROPERTY);
		if (home == null || home.isBlank()) {
			throw new IllegalStateException("No Keycloak distribution: system property " + HOME_PROPERTY
					+ " is not set. Run the test through Maven (gateway-app's pom unpacks "
					+ "org.keycloak:keycloak-quarkus-dist into target/keycloak and sets it), or set it to an unpacked "
					+ "keycloak-<version> directory.");
		}
		return start(Path.of(home));
	}

	/** Starts the distribution unpacked at {@code home}, retrying on another port if one is taken meanwhile. */
	public static KeycloakServer start(Path home) {
		if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
			throw new IllegalStateException("No Keycloak distribution at " + home.toAbsolutePath()
					+ " (bin/kc.sh missing): run the test through Maven, which unpacks "
					+ "org.keycloak:keycloak-quarkus-dist there.");
		}
		KeycloakServer keycloak = new KeycloakServer(home, JavaHomes.atLeast(MIN_JAVA, JAVA_HOME_PROPERTY, "Keycloak"));
		IllegalStateException last = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				keycloak.launch();
				return keycloak;
			}
			catch (PortTakenException ex) {
				last = ex;
			}
		}
		throw last;
	}

	private synchronized void launch() {
		this.port = freePort();
		this.logFile = this.home.toAbsolutePath().getParent().resolve("keycloak-" + this.port + ".log");
		deleteRecursively(this.home.resolve("data"));
		List<String> command = List.of("/bin/bash", this.home.resolve("bin/kc.sh").toAbsolutePath().toString(),
				"start-dev", "--http-host=" + HOST, "--http-port=" + this.port, "--http-enabled=true",
				"--hostname-strict=false");
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.logFile.toFile());
		Map<String, String> env = builder.environment();
		// Only what this fixture sets: a developer's KC_* or JAVA_OPTS must not change the server under test.
		env.keySet().removeIf((name) -> name.startsWith("KC_") || name.startsWith("JAVA_OPTS") || name.equals("JAVA"));
		env.put("JAVA_HOME", this.javaHome.toString());
		env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
		env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", this.adminPassword);
		long start = System.nanoTime();
		Process started;
		try {
			started = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + command, ex);
		}
		LIVE.add(started);
		this.process = started;
		awaitReady(started, start);
		this.startupTime = Duration.ofNanos(System.nanoTime() - start);
	}

	/** Polls the master realm's discovery document until it answers 200, the process dies, or the time is up. */
	private void awaitReady(Process started, long start) {
		Duration timeout = startTimeout();
		URI probe = URI.create(baseUri() + "/realms/master/.well-known/openid-configuration");
		long deadline = start + timeout.toNanos();
		while (true) {
			if (!started.isAlive()) {
				String log = logTail();
				LIVE.remove(started);
				this.process = null;
				if (log.contains("already in use") || log.contains("already bound")) {
					throw new PortTakenException("Keycloak could not bind port " + this.port + ":\n" + log);
				}
				throw new IllegalStateException("Keycloak exited with status " + started.exitValue()
						+ " before answering on port " + this.port + " (log " + this.logFile + "):\n" + log);
			}
			try {
				HttpResponse<Void> response = this.http.send(
						HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).GET().build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				stop();
				throw new IllegalStateException("interrupted while waiting for Keycloak", ex);
			}
			if (System.nanoTime() - deadline > 0) {
				String log = logTail();
				stop();
				throw new IllegalStateException("Keycloak did not answer on port " + this.port + " within " + timeout
						+ " (raise -D" + START_TIMEOUT_PROPERTY + "; log " + this.logFile + "):\n" + log);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
		}
	}

	private static Duration startTimeout() {
		String value = System.getProperty(START_TIMEOUT_PROPERTY);
		if (value == null || value.isBlank()) {
			return DEFAULT_START_TIMEOUT;
		}
		String seconds = value.trim().endsWith("s") ? value.trim().substring(0, value.trim().length() - 1) : value;
		return Duration.ofSeconds(Long.parseLong(seconds.trim()));
	}

	/** {@code http://127.0.0.1:PORT}. */
	public String baseUri() {
		return "http://" + HOST + ":" + this.port;
	}

	public int port() {
		return this.port;
	}

	/** The realm's issuer, {@code http://127.0.0.1:PORT/realms/<realm>} (hostname taken from the request). */
	public String issuerUri(String realm) {
		return baseUri() + "/realms/" + realm;
	}

	public String tokenUri(String realm) {
		return issuerUri(realm) + "/protocol/openid-connect/token";
	}

	public String jwksUri(String realm) {
		return issuerUri(realm) + "/protocol/openid-connect/certs";
	}

	/** From launching {@code kc.sh} to the first 200 from the master realm's discovery document. */
	public Duration startupTime() {
		return this.startupTime;
	}

	/** Keycloak's console output. */
	public Path logFile() {
		return this.logFile;
	}

	/** The version in the distribution's {@code version.txt}, e.g. {@code 26.7.3}. */
	public String version() {
		try {
			String text = Files.readString(this.home.resolve("version.txt")).trim();
			return text.substring(text.lastIndexOf(' ') + 1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// ---- admin REST API -------------------------------------------------------------------------------------------

	/** Creates an enabled realm with default settings. */
	public void createRealm(String realm) {
		expect(admin("POST", "/admin/realms", Map.of("realm", realm, "enabled", true)), 201, "create realm " + realm);
	}

	/**
	 * Creates a client from its {@code ClientRepresentation} (e.g. {@link #confidentialClient}); a client with
	 * {@code serviceAccountsEnabled} gets its service-account user here, as in the admin console.
	 */
	public void createClient(String realm, Map<String, Object> client) {
		expect(admin("POST", "/admin/realms/" + realm + "/clients", client), 201,
				"create client " + client.get("clientId"));
	}

	/** The server's features as Keycloak reports them ({@code /admin/serverinfo}): name to enabled. */
	public Map<String, Boolean> features() {
		HttpResponse<String> response = expect(admin("GET", "/admin/serverinfo", null), 200, "server info");
		Map<String, Boolean> features = new LinkedHashMap<>();
		for (JsonNode feature : JSON.readTree(response.body()).path("features")) {
			features.put(feature.path("name").asString(), feature.path("enabled").asBoolean());
		}
		return features;
	}

	/** One admin REST call with the bootstrap admin's token; {@code body} is sent as JSON when not null. */
	public HttpResponse<String> admin(String method, String path, Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri() + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + adminToken())
			.header("Accept", "application/json");
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return send(request.build());
	}

	/** Posts a form to the realm's token endpoint, with extra headers (e.g. {@code DPoP}); any status is returned. */
	public HttpResponse<String> tokenRequest(String realm, Map<String, String> form, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenUri(realm)))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(form(form)));
		headers.forEach(request::header);
		return send(request.build());
	}

	private synchronized String adminToken() {
		if (this.adminToken != null && this.adminTokenExpiresNanos - System.nanoTime() > 0) {
			return this.adminToken;
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUri("master")))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id", "admin-cli",
					"username", ADMIN, "password", this.adminPassword))))
			.build();
		JsonNode token = JSON.readTree(expect(send(request), 200, "admin token").body());
		this.adminToken = token.path("access_token").asString();
		long lifetime = Math.max(5, token.path("expires_in").asLong(60) - 10);
		this.adminTokenExpiresNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(lifetime);
		return this.adminToken;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static HttpResponse<String> expect(HttpResponse<String> response, int status, String what) {
		if (response.statusCode() != status) {
			throw new IllegalStateException("Keycloak admin call '" + what + "' answered " + response.statusCode()
					+ ", expected " + status + ": " + response.body());
		}
		return response;
	}

	private static String form(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	// ---- lifecycle ------------------------------------------------------------------------------------------------

	public synchronized void stop() {
		if (this.process != null) {
			kill(this.process);
			LIVE.remove(this.process);
			this.process = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * SIGTERM to the Java process and to {@code kc.sh} (which forwards it), then SIGKILL to whatever is left: the
	 * JVM is a child of the script, so killing only the script would orphan it.
	 */
	private static void kill(Process process) {
		List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
		tree.forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			for (ProcessHandle handle : tree) {
				handle.onExit().get(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// A child that did not end in time: force it.
		}
		tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		if (process.isAlive()) {
			process.destroyForcibly();
		}
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.logFile, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static void deleteRecursively(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The chosen port was taken before Keycloak bound it: worth another try on another port. */
	private static final class PortTakenException extends IllegalStateException {

		PortTakenException(String message) {
			super(message);
		}

	}

}
