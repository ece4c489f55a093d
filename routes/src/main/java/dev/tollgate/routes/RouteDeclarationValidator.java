package dev.tollgate.routes;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tollgate.apikeys.phase.BrownoutWindow;
import dev.tollgate.filters.config.ConfigurationProblems;
import dev.tollgate.filters.config.InvalidConfigurationException;
import dev.tollgate.filters.mcp.McpSettings;
import dev.tollgate.filters.mcp.ToolRule;
import dev.tollgate.filters.policy.PolicyChecks;
import dev.tollgate.filters.policy.PolicyProperties;
import dev.tollgate.filters.policy.ToolPolicies;

/**
 * Checks every declaration at startup and reports all problems at once, each naming the route id and the property,
 * so an operator fixes the file in one pass. Nothing is defaulted silently when it is wrong.
 */
public final class RouteDeclarationValidator {

	private static final Pattern ROUTE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final Pattern METHOD = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

	private static final Set<String> CREDENTIALS = Set.of("bearer", "api-key");

	private static final Set<String> BINDINGS = Set.of("none", "dpop", "mtls", "any-bound");

	private static final Set<String> PHASES = Set.of("allow", "warn", "brownout", "reject");

	private static final Set<String> UPSTREAM_SCHEMES = Set.of("http", "https", "lb");

	private final ReferenceCatalog catalog;

	private final PolicyChecks policies;

	private final PolicyProperties policyProperties;

	public RouteDeclarationValidator(ReferenceCatalog catalog) {
		this(catalog, new PolicyProperties(null, PolicyProperties.Settings.defaults()));
	}

	/** @param policies the shared policies and policy settings routes' policies are checked against */
	public RouteDeclarationValidator(ReferenceCatalog catalog, PolicyProperties policies) {
		this.catalog = catalog;
		this.policies = new PolicyChecks(policies);
		this.policyProperties = policies;
	}

	/** @throws InvalidConfigurationException listing every problem found */
	public void validate(List<RouteDeclaration> routes) {
		ConfigurationProblems problems = new ConfigurationProblems();
		validate(routes, problems);
		problems.throwIfAny();
	}

	/** Adds every problem of the declarations, each naming the route and its property. */
	public void validate(List<RouteDeclaration> routes, ConfigurationProblems problems) {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < routes.size(); i++) {
			RouteDeclaration route = routes.get(i);
			Problems p = new Problems(problems, route.id(), "tollgate.routes[" + i + "]");
			if (route.id() == null || !ROUTE_ID.matcher(route.id()).matches()) {
				p.add("id", "is required and may contain only letters, digits, '.', '_' and '-' (at most 64)");
			}
			else if (!ids.add(route.id())) {
				p.add("id", "is declared twice");
			}
			checkPaths(route, p);
			checkUpstream(route, p);
			checkCredentials(route, p);
			checkApiKeys(route, p);
			checkRateLimit(route, p);
			checkUpstreamToken(route, p);
			checkMcp(route, p);
			this.policies.checkRoute(route.id(), p.prefix() + ".policy", route.policy(), p.prefix() + ".policy-mode",
					route.policyMode(), !route.credentials().isEmpty(), problems);
		}
	}

	private static void checkPaths(RouteDeclaration route, Problems p) {
		if (route.path().isEmpty()) {
			p.add("path", "is required, e.g. /orders/**");
		}
		for (String path : route.path()) {
			if (path == null || !path.startsWith("/")) {
				p.add("path", "must start with '/', was '" + path + "'");
			}
		}
		for (String method : route.methods()) {
			if (method == null || !METHOD.matcher(method).matches()) {
				p.add("methods", "'" + method + "' is not an HTTP method name, e.g. GET");
			}
		}
		if (route.stripPrefix() < 0) {
			p.add("strip-prefix", "must not be negative");
		}
	}

	private static void checkUpstream(RouteDeclaration route, Problems p) {
		if (route.upstream() == null || route.upstream().isBlank()) {
			p.add("upstream", "is required, e.g. http://orders.internal:8080");
			return;
		}
		try {
			URI uri = new URI(route.upstream());
			if (uri.getScheme() == null || !UPSTREAM_SCHEMES.contains(uri.getScheme()) || uri.getHost() == null) {
				p.add("upstream", "must be an absolute http, https or lb URI, was '" + route.upstream() + "'");
			}
		}
		catch (Exception ex) {
			p.add("upstream", "is not a valid URI: '" + route.upstream() + "'");
		}
	}

	private void checkCredentials(RouteDeclaration route, Problems p) {
		for (String credential : route.credentials()) {
			if (!CREDENTIALS.contains(credential)) {
				p.add("credentials", "unknown credential type '" + credential + "' (use bearer, api-key)");
			}
		}
		boolean authenticates = !route.credentials().isEmpty();
		if (authenticates && (route.audience() == null || route.audience().isBlank())) {
			p.add("audience", "is required on a route that authenticates");
		}
		if (!authenticates && !route.scopes().isEmpty()) {
			p.add("scopes", "are set but the route accepts no credential");
		}
		if (authenticates && route.forwardCredentials()) {
			p.add("forward-credentials", "is for public routes only: a route that authenticates replaces the "
					+ "caller's credential with a token made for its upstream");
		}
		if (!authenticates && route.rateLimit() != null) {
			p.add("rate-limit", "needs an authenticated client, but the route accepts no credential");
		}
		String binding = route.binding();
		if (binding != null && !BINDINGS.contains(binding)) {
			p.add("binding", "unknown binding '" + binding + "' (use none, dpop, mtls, any-bound)");
		}
		else if (binding != null && !"none".equals(binding)) {
			if (!authenticates) {
				p.add("binding", "is set but the route accepts no credential");
			}
			if (route.credentials().contains("api-key")) {
				p.add("binding", "'" + binding + "' cannot be met by API keys; remove api-key from credentials");
			}
		}
		boolean bearer = route.credentials().contains("bearer");
		if (bearer && this.catalog.issuers().isEmpty()) {
			p.add("credentials", "accepts bearer tokens, but no tollgate.issuers are configured");
		}
		if (!bearer && !route.issuers().isEmpty()) {
			p.add("issuers", "are set but the route does not accept bearer tokens");
		}
		for (String issuer : route.issuers()) {
			if (!this.catalog.issuers().containsKey(issuer)) {
				p.add("issuers", "unknown issuer '" + issuer + "' (known: " + this.catalog.issuers().keySet() + ")");
			}
		}
	}

	private static void checkApiKeys(RouteDeclaration route, Problems p) {
		RouteDeclaration.ApiKeys keys = route.apiKeys();
		if (!PHASES.contains(keys.phase())) {
			p.add("api-keys.phase", "must be one of allow, warn, brownout, reject; was '" + keys.phase() + "'");
		}
		boolean configured = !"allow".equals(keys.phase()) || keys.sunset() != null
				|| !keys.brownouts().isEmpty();
		if (configured && !route.credentials().contains("api-key")) {
			p.add("api-keys", "are configured but the route does not accept api-key credentials");
		}
		if (keys.sunset() != null) {
			try {
				Instant.parse(keys.sunset());
			}
			catch (DateTimeParseException ex) {
				p.add("api-keys.sunset", "must be an ISO-8601 instant like 2027-03-31T00:00:00Z, was '"
						+ keys.sunset() + "'");
			}
		}
		for (String window : keys.brownouts()) {
			try {
				BrownoutWindow.parse(window);
			}
			catch (RuntimeException ex) {
				p.add("api-keys.brownouts", "must be <ISO-8601 instant>/<duration> like 2027-01-15T10:00:00Z/1h, "
						+ "or a daily <HH:mm>/<duration> like 14:00/15m (UTC); was '" + window + "'");
			}
		}
	}

	private void checkRateLimit(RouteDeclaration route, Problems p) {
		if (route.rateLimit() != null && !this.catalog.rateLimitPolicies().contains(route.rateLimit())) {
			p.add("rate-limit", "unknown policy '" + route.rateLimit() + "' (known: "
					+ this.catalog.rateLimitPolicies() + ")");
		}
		if (route.rateLimitCost() != null && route.rateLimitCost() < 1) {
			p.add("rate-limit-cost", "must be at least 1");
		}
	}

	private void checkUpstreamToken(RouteDeclaration route, Problems p) {
		String exchange = route.upstreamToken().exchange();
		if (exchange != null && !this.catalog.stsProfiles().contains(exchange)) {
			p.add("upstream-token.exchange", "unknown STS profile '" + exchange + "' (known: "
					+ this.catalog.stsProfiles() + ")");
		}
		if (exchange != null && !route.credentials().contains("bearer")) {
			p.add("upstream-token.exchange", "is set but the route does not accept bearer tokens");
		}
		String bound = route.upstreamToken().boundTokens();
		if (bound != null && !"exchange".equals(bound) && !"mint".equals(bound)) {
			p.add("upstream-token.bound-tokens", "unknown choice '" + bound + "' (use exchange, mint)");
		}
		if (bound == null && exchange != null && route.binding() != null && !"none".equals(route.binding())) {
			p.add("upstream-token.bound-tokens", "is required on a route with binding '" + route.binding()
					+ "' and an exchange: 'exchange' where the STS exchanges sender-constrained tokens for the "
					+ "gateway (Keycloak 26 refuses), 'mint' for a gateway-minted token with an act claim");
		}
	}

	private void checkMcp(RouteDeclaration route, Problems p) {
		McpSettings mcp = route.mcp();
		if (mcp == null) {
			return;
		}
		if (route.credentials().isEmpty()) {
			p.add("mcp", "needs credentials: per-tool rules and session binding need an authenticated caller");
		}
		Set<String> names = new HashSet<>();
		for (int t = 0; t < mcp.tools().size(); t++) {
			ToolRule rule = mcp.tools().get(t);
			String property = "mcp.tools[" + t + "]";
			if (rule.name() == null || rule.name().isBlank()) {
				p.add(property + ".name", "is required: a tool name or a glob such as refund_*");
			}
			else if (!names.add(rule.name())) {
				p.add(property + ".name", "'" + rule.name() + "' is declared twice");
			}
			if (rule.rateLimit() != null && !this.catalog.rateLimitPolicies().contains(rule.rateLimit())) {
				p.add(property + ".rate-limit", "unknown policy '" + rule.rateLimit() + "' (known: "
						+ this.catalog.rateLimitPolicies() + ")");
			}
			if (rule.rateLimitCost() != null && rule.rateLimitCost() < 1) {
				p.add(property + ".rate-limit-cost", "must be at least 1");
			}
			ToolPolicies.check(this.policyProperties, route.id(), p.prefix() + "." + property + ".policy",
					rule.policy(), p.prefix() + "." + property + ".policy-mode", rule.policyMode(), p.sink());
		}
		if (mcp.maxBodySize().toBytes() < 1 || mcp.maxBodySize().toBytes() > Integer.MAX_VALUE) {
			p.add("mcp.max-body-size", "must be between 1B and 2GB");
		}
		if (mcp.sessions().ttl().isNegative() || mcp.sessions().ttl().isZero()) {
			p.add("mcp.sessions.ttl", "must be positive");
		}
	}

	private record Problems(ConfigurationProblems sink, String routeId, String prefix) {

		void add(String property, String message) {
			this.sink.addForRoute(this.routeId, this.prefix + "." + property, message);
		}

	}

}
