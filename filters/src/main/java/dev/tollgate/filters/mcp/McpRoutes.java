package dev.tollgate.filters.mcp;

/**
 * Which routes front an MCP server, and with what settings. The {@code routes} module provides one from the
 * {@code tollgate.routes[].mcp} declarations.
 */
@FunctionalInterface
public interface McpRoutes {

	/** The route's MCP settings, or {@code null} when the route is no MCP route. */
	McpSettings settings(String routeId);

}
