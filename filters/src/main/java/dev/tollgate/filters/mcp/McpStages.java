package dev.tollgate.filters.mcp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.tollgate.filters.core.RoutePolicy;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.mcp.session.McpSessionStore;
import dev.tollgate.filters.policy.ToolPolicies;
import dev.tollgate.filters.ratelimit.ClientRateLimitGatewayFilterFactory;

/** Builds the {@code mcp} stage of each MCP route, once, when the route is built. */
public final class McpStages {

	private final McpRoutes routes;

	private final ClientRateLimitGatewayFilterFactory rateLimit;

	private final Supplier<McpSessionStore> sessions;

	private final McpMetrics metrics;

	private final ToolPolicies policies;

	/**
	 * @param rateLimit the rate-limit stages' factory, or {@code null} when no rate limiting is configured (then a
	 * tool rule naming a policy fails the route)
	 * @param sessions the session store, asked for only when a route binds sessions (so a gateway without MCP
	 * routes opens no connection for it)
	 */
	public McpStages(McpRoutes routes, ClientRateLimitGatewayFilterFactory rateLimit,
			Supplier<McpSessionStore> sessions, McpMetrics metrics) {
		this(routes, rateLimit, sessions, metrics, null);
	}

	/** @param policies compiles tool rules' CEL policies; {@code null}: a rule with a policy fails the route */
	public McpStages(McpRoutes routes, ClientRateLimitGatewayFilterFactory rateLimit,
			Supplier<McpSessionStore> sessions, McpMetrics metrics, ToolPolicies policies) {
		this.policies = policies;
		this.routes = routes;
		this.rateLimit = rateLimit;
		this.sessions = sessions;
		this.metrics = metrics;
	}

	/**
	 * The route's {@code mcp} stage, or {@code null} for a route that is no MCP route; fails for an MCP route that
	 * authenticates nobody.
	 */
	public Stage stage(RoutePolicy policy) {
		McpSettings settings = this.routes.settings(policy.routeId());
		if (settings == null) {
			return null;
		}
		if (!policy.authenticates()) {
			throw new IllegalArgumentException("route '" + policy.routeId()
					+ "': an MCP route needs credentials; per-tool rules and session binding need a caller");
		}
		return stage(policy.routeId(), settings, policy.security().scopes());
	}

	public McpStage stage(String routeId, McpSettings settings, List<String> routeScopes) {
		Map<ToolRule, ToolLimit> limits = new HashMap<>();
		for (ToolRule rule : settings.tools()) {
			if (rule.rateLimit() == null) {
				continue;
			}
			if (this.rateLimit == null) {
				throw new IllegalArgumentException("route '" + routeId + "': mcp tool '" + rule.name()
						+ "' names rate-limit '" + rule.rateLimit() + "', but no rate limiting is configured");
			}
			String key = ToolLimit.key(routeId, rule);
			limits.put(rule, new ToolLimit(key, this.rateLimit.stage(key, rule.rateLimit(), rule.rateLimitCost())));
		}
		Map<ToolRule, ToolPolicies.ToolPolicy> policies = new HashMap<>();
		for (ToolRule rule : settings.tools()) {
			if (rule.policy() == null) {
				continue;
			}
			if (this.policies == null) {
				throw new IllegalArgumentException("route '" + routeId + "': mcp tool '" + rule.name()
						+ "' has a policy, but route policies are not configured");
			}
			policies.put(rule, this.policies.compile(routeId + ".mcp." + rule.name(), rule.policy(),
					rule.policyMode()));
		}
		McpSessionStore store = settings.sessions().bind() ? this.sessions.get() : null;
		return new McpStage(routeId, settings, routeScopes, limits, policies, store, this.metrics);
	}

}
