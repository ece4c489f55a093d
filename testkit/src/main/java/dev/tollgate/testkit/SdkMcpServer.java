package dev.tollgate.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * A real MCP server from the official MCP Java SDK ({@code io.modelcontextprotocol.sdk:mcp-core} with
 * {@code mcp-json-jackson3}) on the Streamable HTTP transport, in an embedded Tomcat on a free loopback port, serving
 * {@link #PATH}. It offers the given tools; each answers {@code "<tool> done"}. It remembers the
 * {@code Authorization} header of every request, so a test can assert that no caller token passed through.
 * <p>
 * Needs {@code mcp-core}, {@code mcp-json-jackson3} and {@code tomcat-embed-core} on the test classpath (optional
 * dependencies of the testkit).
 */
public final class SdkMcpServer implements AutoCloseable {

	/** Where the server answers. */
	public static final String PATH = "/mcp";

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private final HttpServletStreamableServerTransportProvider transport;

	private final McpSyncServer server;

	private final Tomcat tomcat;

	private final int port;

	private SdkMcpServer(List<String> tools) {
		this.transport = HttpServletStreamableServerTransportProvider.builder()
			.mcpEndpoint(PATH)
			.contextExtractor(request -> {
				String authorization = request.getHeader("Authorization");
				this.authorizations.add((authorization != null) ? authorization : "");
				return McpTransportContext.EMPTY;
			})
			.build();
		McpServer.SyncSpecification<?> spec = McpServer.sync(this.transport)
			.serverInfo("tollgate-test-mcp", "1.0.0")
			.capabilities(McpSchema.ServerCapabilities.builder().tools(true).build());
		for (String name : tools) {
			spec.tools(McpServerFeatures.SyncToolSpecification.builder()
				.tool(McpSchema.Tool.builder()
					.name(name)
					.description("The " + name + " tool")
					.inputSchema(Map.of("type", "object"))
					.build())
				.callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
					.addTextContent(request.name() + " done")
					.isError(false)
					.build())
				.build());
		}
		this.server = spec.build();
		this.port = freePort();
		this.tomcat = tomcat(this.port, this.transport);
	}

	/** Starts a server offering these tools. */
	public static SdkMcpServer start(String... tools) {
		return new SdkMcpServer(List.of(tools));
	}

	private static Tomcat tomcat(int port, HttpServletStreamableServerTransportProvider servlet) {
		try {
			Tomcat tomcat = new Tomcat();
			tomcat.setPort(port);
			tomcat.setHostname("127.0.0.1");
			tomcat.getConnector().setProperty("address", "127.0.0.1");
			String base = Files.createTempDirectory("sdk-mcp-server").toString();
			tomcat.setBaseDir(base);
			Context context = tomcat.addContext("", base);
			Wrapper wrapper = context.createWrapper();
			wrapper.setName("mcp");
			wrapper.setServlet(servlet);
			wrapper.setLoadOnStartup(1);
			wrapper.setAsyncSupported(true);
			context.addChild(wrapper);
			context.addServletMappingDecoded("/*", "mcp");
			tomcat.start();
			return tomcat;
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not start Tomcat for the MCP server", ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Base URI, e.g. {@code http://127.0.0.1:PORT}; the server answers at {@link #PATH}. */
	public String uri() {
		return "http://127.0.0.1:" + this.port;
	}

	/** The {@code Authorization} header of every request that reached the server ({@code ""} when absent). */
	public List<String> authorizations() {
		return List.copyOf(this.authorizations);
	}

	@Override
	public void close() {
		this.server.close();
		try {
			this.tomcat.stop();
			this.tomcat.destroy();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
