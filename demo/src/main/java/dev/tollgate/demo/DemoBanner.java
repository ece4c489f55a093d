package dev.tollgate.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import dev.tollgate.devauth.DevAuthorizationServer;

/** Prints ready-to-paste commands once the demo gateway is up. */
public final class DemoBanner implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger("tollgate.demo");

	private final DevAuthorizationServer authorizationServer;

	private final Supplier<String> demoApiKey;

	private final String apiKeyHeader;

	private final String gateway;

	/**
	 * @param demoApiKey the demo key, shown once; {@code null} supplier when API keys are not available
	 * @param publicBaseUrl the gateway's configured public base URL, which every printed command uses
	 */
	public DemoBanner(DevAuthorizationServer authorizationServer, Supplier<String> demoApiKey, String apiKeyHeader,
			String publicBaseUrl) {
		this.authorizationServer = authorizationServer;
		this.demoApiKey = demoApiKey;
		this.apiKeyHeader = apiKeyHeader;
		this.gateway = publicBaseUrl;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		// One log event per line: the log pattern turns control characters inside a message into '_' (a forged-line
		// backstop), so a multi-line message would print as one unreadable line.
		lines().forEach(log::info);
	}

	/** The MCP route's commands: a token for its resource, a permitted call, a refused one, the filtered list. */
	private List<String> mcpLines(String gateway) {
		String resource = gateway + DemoEnvironmentPostProcessor.MCP_RESOURCE_PATH;
		String post = "curl -i -H \"Authorization: Bearer $MCP_TOKEN\" -H 'Content-Type: application/json' "
				+ "-H 'Accept: application/json, text/event-stream' " + resource + " -d ";
		List<String> lines = new ArrayList<>();
		lines.add("4) MCP route 'tools' " + resource + " (server with tools search_orders, refund_order); a token for it:");
		lines.add("   MCP_TOKEN=$(curl -s -u " + DemoConfiguration.DEMO_CLIENT_ID + ":"
				+ DemoConfiguration.DEMO_CLIENT_SECRET + " -d grant_type=client_credentials -d 'scope=tools:call "
				+ "orders:read' -d resource=" + resource + " " + this.authorizationServer.tokenUri()
				+ " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')");
		lines.add("5) permitted tool call (search_orders needs orders:read):");
		lines.add("   " + post + "'" + DemoMcpCalls.call("search_orders") + "'");
		lines.add("6) refused tool call: 403 with WWW-Authenticate error=\"insufficient_scope\", "
				+ "scope=\"tools:call orders:write\":");
		lines.add("   " + post + "'" + DemoMcpCalls.call("refund_order") + "'");
		lines.add("7) tools/list shows only the tools this token may call:");
		lines.add("   " + post + "'" + DemoMcpCalls.LIST + "'");
		return lines;
	}

	/** The lines printed at startup. */
	public List<String> lines() {
		String gateway = this.gateway;
		// The same value is the route's audience and its RFC 9728 resource; asking for it is what agents do.
		String resource = gateway + DemoEnvironmentPostProcessor.DEMO_RESOURCE_PATH;
		List<String> lines = new ArrayList<>();
		lines.add("Tollgate demo is running: route 'echo' " + gateway + "/echo/** -> echo upstream; issuer "
				+ this.authorizationServer.issuerUri());
		if (this.demoApiKey != null) {
			String key = this.demoApiKey.get();
			lines.add("demo api key: " + key);
			lines.add("1) call the route with the API key (deprecated: see the Deprecation, Sunset and Link headers):");
			lines.add("   curl -i -H '" + this.apiKeyHeader + ": " + key + "' " + gateway + "/echo/hello");
		}
		lines.add("2) get a token for the route from the dev authorization server (client credentials, RFC 8707):");
		lines.add("   TOKEN=$(curl -s -u " + DemoConfiguration.DEMO_CLIENT_ID + ":" + DemoConfiguration.DEMO_CLIENT_SECRET
				+ " -d grant_type=client_credentials -d scope=echo:read -d resource=" + resource + " "
				+ this.authorizationServer.tokenUri()
				+ " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')");
		lines.add("3) call the route with the token:");
		lines.add("   curl -i -H \"Authorization: Bearer $TOKEN\" " + gateway + "/echo/hello");
		lines.add("   protected-resource metadata: " + gateway + "/.well-known/oauth-protected-resource/echo"
				+ "   gateway signing keys: " + gateway + "/.well-known/jwks.json");
		lines.addAll(mcpLines(gateway));
		return lines;
	}

}
