package dev.tollgate.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.tollgate.filters.config.PublicBaseUrl;

/**
 * Turns an unconfigured gateway into the demo: when no {@code tollgate.routes} are declared (and
 * {@code tollgate.demo.enabled} is not {@code false}), it adds a demo route, a dev authorization server as trusted
 * issuer and an echo upstream, at the lowest precedence so anything the operator sets still wins. With any route
 * declared, nothing of the demo runs.
 * <p>
 * The demo is coherent for an agent that follows RFC 9728 and RFC 8707: {@code tollgate.gateway.public-base-url}
 * defaults to {@code http://localhost:<server port>}, and the route's audience, its advertised {@code resource} and
 * the dev authorization server's default audience for the demo client are all {@code <base>/echo}.
 */
public class DemoEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The demo route's path prefix, and so its RFC 9728 resource path. */
	public static final String DEMO_RESOURCE_PATH = "/echo";

	/** The demo MCP route's path, and so its RFC 9728 resource path. */
	public static final String MCP_RESOURCE_PATH = "/mcp";

	/** The audience of the token the echo upstream receives. */
	public static final String UPSTREAM_AUDIENCE = "https://echo.internal";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
		if ("false".equalsIgnoreCase(env.getProperty("tollgate.demo.enabled"))
				|| env.containsProperty("tollgate.routes[0].id") || env.containsProperty("tollgate.routes[0].path")
				|| env.containsProperty("tollgate.routes[0].path[0]")) {
			return;
		}
		int asPort = port(env, "tollgate.demo.authorization-server-port", 9000);
		int echoPort = port(env, "tollgate.demo.echo-port", 0);
		int mcpPort = port(env, "tollgate.demo.mcp-port", 0);
		int serverPort = port(env, "server.port", 8080);
		String issuer = "http://127.0.0.1:" + asPort;
		// The operator's base URL wins; otherwise the URL the printed commands use.
		PublicBaseUrl base = PublicBaseUrl.parse(env.getProperty(PublicBaseUrl.PROPERTY));
		String baseUrl = (base != null) ? base.value() : "http://localhost:" + serverPort;
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("tollgate.demo.enabled", "true");
		p.put(PublicBaseUrl.PROPERTY, baseUrl);
		p.put("tollgate.issuers[0].name", "demo");
		p.put("tollgate.issuers[0].issuer-uri", issuer);
		p.put("tollgate.issuers[0].jwks-uri", issuer + "/oauth2/jwks");
		p.put("tollgate.minting.issuer", "https://tollgate.demo");
		p.put("tollgate.api-keys.migration-guide", "https://github.com/tollgate-dev/tollgate/blob/main/docs/api-key-migration.md");
		p.put("tollgate.routes[0].id", "echo");
		p.put("tollgate.routes[0].path[0]", DEMO_RESOURCE_PATH + "/**");
		p.put("tollgate.routes[0].upstream", "http://127.0.0.1:" + echoPort);
		// The route's RFC 9728 resource: what an agent asks for (RFC 8707) and what the dev server puts in aud.
		p.put("tollgate.routes[0].audience", baseUrl + DEMO_RESOURCE_PATH);
		p.put("tollgate.routes[0].scopes[0]", "echo:read");
		p.put("tollgate.routes[0].credentials[0]", "bearer");
		p.put("tollgate.routes[0].credentials[1]", "api-key");
		p.put("tollgate.routes[0].api-keys.phase", "warn");
		p.put("tollgate.routes[0].api-keys.sunset", "2027-06-30T00:00:00Z");
		p.put("tollgate.routes[0].upstream-token.audience", UPSTREAM_AUDIENCE);
		p.put("tollgate.rate-limit.policies.demo.limits[0]", "60/1m");
		p.put("tollgate.rate-limit.policies.demo.limits[1]", "10/1s");
		p.put("tollgate.routes[0].rate-limit", "demo");
		// An MCP server with two tools: the demo agent may call search_orders (orders:read), not refund_order.
		p.put("tollgate.routes[1].id", "tools");
		p.put("tollgate.routes[1].path[0]", MCP_RESOURCE_PATH);
		p.put("tollgate.routes[1].upstream", "http://127.0.0.1:" + mcpPort);
		p.put("tollgate.routes[1].audience", baseUrl + MCP_RESOURCE_PATH);
		p.put("tollgate.routes[1].scopes[0]", "tools:call");
		p.put("tollgate.routes[1].credentials[0]", "bearer");
		p.put("tollgate.routes[1].mcp.tools[0].name", "search_orders");
		p.put("tollgate.routes[1].mcp.tools[0].scopes[0]", "orders:read");
		p.put("tollgate.routes[1].mcp.tools[1].name", "refund_*");
		p.put("tollgate.routes[1].mcp.tools[1].scopes[0]", "orders:write");
		p.put("tollgate.routes[1].mcp.unknown-tools", "deny");
		env.getPropertySources().addLast(new MapPropertySource("tollgateDemo", p));
		// The ports actually chosen must win over a configured 0, or the issuer URI above would be wrong.
		env.getPropertySources()
			.addFirst(new MapPropertySource("tollgateDemoPorts", Map.of("tollgate.demo.authorization-server-port",
					asPort, "tollgate.demo.echo-port", echoPort, "tollgate.demo.mcp-port", mcpPort, "server.port", serverPort)));
	}

	/**
	 * The configured port, or a free one when the property is 0 (so tests and a busy machine both work). The
	 * gateway's own port is pinned the same way, because the public base URL has to name it before the server starts.
	 */
	private static int port(ConfigurableEnvironment env, String property, int defaultPort) {
		int port = env.getProperty(property, Integer.class, defaultPort);
		if (port != 0) {
			return port;
		}
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot find a free port for " + property, ex);
		}
	}

}
