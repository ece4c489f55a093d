package dev.tollgate.devauth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.support.EnvironmentPostProcessorApplicationListener;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

/**
 * A real Spring Authorization Server (servlet stack on Tomcat) started in-process for demos and tests.
 *
 * <p>
 * It runs in its own, parent-less Spring context with an isolated environment: no system properties, environment
 * variables or {@code application.yml} of the host application reach it, its logging setup is left to the host,
 * and no Boot auto-configuration is applied. Endpoints: {@code /oauth2/token} (client credentials and RFC 8693
 * token exchange), {@code /oauth2/jwks}, {@code /oauth2/introspect} (RFC 7662), {@code /oauth2/revoke} (RFC 7009),
 * and the RFC 8414 / OpenID metadata documents. With {@link DevAuthorizationServerSettings.Builder#mutualTls} it
 * serves them over HTTPS with client certificates too, on a second port ({@link #mutualTlsTokenUri()}), for
 * RFC 8705 mutual-TLS client authentication and certificate-bound tokens.
 *
 * <p>
 * {@link #stopServing()} stops Tomcat's connector and releases the port, so callers get a true connection refusal;
 * {@link #resumeServing()} binds the same port again. Issued tokens, keys and counters survive.
 */
public final class DevAuthorizationServer implements AutoCloseable {

	private static final int PORT_ATTEMPTS = 5;

	private final DevServerState state;

	private final ConfigurableApplicationContext context;

	private DevAuthorizationServer(DevServerState state, ConfigurableApplicationContext context) {
		this.state = state;
		this.context = context;
	}

	/**
	 * Starts a server and returns once it accepts connections.
	 * @throws IllegalStateException if it cannot start (for a fixed port: port in use)
	 */
	public static DevAuthorizationServer start(DevAuthorizationServerSettings settings) {
		DevSigningKeys keys = new DevSigningKeys();
		DevEndpointFilter endpointFilter = new DevEndpointFilter(settings.exposeMetadata());
		SubjectRecordingAuthorizationService store = new SubjectRecordingAuthorizationService();
		int attempts = (settings.port() == 0) ? PORT_ATTEMPTS : 1;
		for (int attempt = 1;; attempt++) {
			// The issuer must name the port before the context starts, so a free port is chosen up front;
			// another process may grab it in between, hence the retry.
			int port = (settings.port() != 0) ? settings.port() : freePort(settings.bindAddress());
			int mutualTlsPort = (settings.mutualTls() != null) ? freePort(settings.bindAddress()) : 0;
			String issuer = "http://" + settings.issuerHost() + ":" + port;
			DevServerState state = new DevServerState(settings, port, mutualTlsPort, issuer, keys, endpointFilter,
					store);
			try {
				return new DevAuthorizationServer(state, run(state));
			}
			catch (RuntimeException ex) {
				if (attempt >= attempts || !portInUse(ex)) {
					throw new IllegalStateException("dev authorization server did not start on port " + port, ex);
				}
			}
		}
	}

	/** The issuer identifier, exactly as in every token's {@code iss}: {@code http://HOST:PORT}. */
	public String issuerUri() {
		return this.state.issuer();
	}

	public String tokenUri() {
		return this.state.issuer() + DevEndpointFilter.TOKEN_PATH;
	}

	public String jwksUri() {
		return this.state.issuer() + DevEndpointFilter.JWKS_PATH;
	}

	public String introspectionUri() {
		return this.state.issuer() + DevEndpointFilter.INTROSPECTION_PATH;
	}

	public String revocationUri() {
		return this.state.issuer() + DevEndpointFilter.REVOCATION_PATH;
	}

	public int port() {
		return this.state.port();
	}

	/**
	 * The token endpoint on the mutual-TLS port (RFC 8705 §5 {@code mtls_endpoint_aliases}), where clients
	 * authenticate with their certificate.
	 * @throws IllegalStateException if the server was started without {@code mutualTls}
	 */
	public String mutualTlsTokenUri() {
		String base = this.state.mutualTlsBaseUri();
		if (base == null) {
			throw new IllegalStateException("started without mutualTls");
		}
		return base + DevEndpointFilter.TOKEN_PATH;
	}

	/** Makes new RSA and EC keys the signing keys; the old public keys stay in the JWKS for overlap. */
	public void rotateSigningKeys() {
		this.state.keys().rotate();
	}

	/** Requests to the JWKS endpoint since start or {@link #resetCounters()}. */
	public int jwksRequests() {
		return this.state.endpointFilter().jwksRequests();
	}

	/** POST requests to the token endpoint, any grant type. */
	public int tokenRequests() {
		return this.state.endpointFilter().tokenRequests();
	}

	/** Token endpoint requests with the RFC 8693 token-exchange grant type. */
	public int tokenExchangeRequests() {
		return this.state.endpointFilter().tokenExchangeRequests();
	}

	/** Requests to the introspection endpoint (RFC 7662), for introspection-cache tests. */
	public int introspectionRequests() {
		return this.state.endpointFilter().introspectionRequests();
	}

	/** Sets every counter back to zero. */
	public void resetCounters() {
		this.state.endpointFilter().reset();
	}

	/** Stops accepting connections: the ports are released and connects are refused until {@link #resumeServing()}. */
	public synchronized void stopServing() {
		webServer().stop();
	}

	/** Listens again on the same port. */
	public synchronized void resumeServing() {
		webServer().start();
	}

	@Override
	public void close() {
		this.context.close();
	}

	private WebServer webServer() {
		return ((WebServerApplicationContext) this.context).getWebServer();
	}

	private static ConfigurableApplicationContext run(DevServerState state) {
		StandardEnvironment environment = isolatedEnvironment();
		SpringApplication application = new SpringApplicationBuilder(DevAuthorizationServerConfiguration.class)
			.web(WebApplicationType.SERVLET)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.environment(environment)
			// Spring Cloud's bootstrappers (present when the host is a gateway) expect the Binder that config-data
			// processing registers; this isolated server skips that processing, so hand them one.
			.addBootstrapRegistryInitializer(registry -> registry.register(Binder.class,
					BootstrapRegistry.InstanceSupplier.of(Binder.get(environment))))
			.initializers(context -> context.getBeanFactory().registerSingleton("devServerState", state))
			.build();
		// Leave the host's logging alone, and read no application.yml/properties of the host application.
		List<ApplicationListener<?>> listeners = application.getListeners()
			.stream()
			.filter(l -> !(l instanceof LoggingApplicationListener)
					&& !(l instanceof EnvironmentPostProcessorApplicationListener)
					// Spring Cloud's listeners (in a gateway host) reset the host's logging system on startup.
					&& !l.getClass().getName().startsWith("org.springframework.cloud."))
			.toList();
		application.setListeners(listeners);
		return application.run();
	}

	private static StandardEnvironment isolatedEnvironment() {
		StandardEnvironment environment = new StandardEnvironment();
		// A host started with SERVER_PORT or -Dserver.port must not move this server.
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		return environment;
	}

	private static int freePort(String bindAddress) {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(bindAddress))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("no free port on " + bindAddress, ex);
		}
	}

	private static boolean portInUse(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof PortInUseException || t instanceof java.net.BindException) {
				return true;
			}
		}
		return false;
	}

}
