package dev.tollgate.filters.policy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cel.runtime.CelVariableResolver;

import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.config.ConfigurationProblems;
import dev.tollgate.filters.core.CallerIdentity;

/**
 * CEL policies of MCP tool rules ({@code tollgate.routes[].mcp.tools[].policy}): the route policies' typed context
 * plus {@code tool.name} and {@code tool.arguments}, so a rule can say what an agent may pass to a tool (a refund
 * below a limit, an order of its own tenant). Inline expressions only: shared policies are checked against the
 * route context, which has no {@code tool}. Compiled at startup like route policies, with the same cost limits.
 */
public final class ToolPolicies {

	private final PolicyCompiler compiler;

	private final String apiKeyHeader;

	private final Clock clock;

	private final PolicyMetrics metrics;

	public ToolPolicies(PolicyProperties properties, String apiKeyHeader, Clock clock, PolicyMetrics metrics) {
		this.compiler = new PolicyCompiler(properties.policy(), PolicyVariables.toolDeclarations());
		this.apiKeyHeader = apiKeyHeader.toLowerCase(java.util.Locale.ROOT);
		this.clock = clock;
		this.metrics = metrics;
	}

	/**
	 * The policy of one tool rule.
	 * @param name the policy's name in metrics, logs and answers, e.g. {@code tools.mcp.refund_*}
	 * @param mode {@code enforce} (default when {@code null}) or {@code shadow}
	 * @throws IllegalArgumentException naming the policy when it does not compile or the mode is unknown
	 */
	public ToolPolicy compile(String name, String expression, String mode) {
		PolicyMode parsed = (mode != null) ? PolicyMode.parse(mode) : PolicyMode.ENFORCE;
		if (parsed == null) {
			throw new IllegalArgumentException(name + ": policy mode '" + mode + "' is neither enforce nor shadow");
		}
		try {
			return new ToolPolicy(this.compiler.compile(name, parsed, expression));
		}
		catch (PolicyCompileException ex) {
			throw new IllegalArgumentException(name + ": policy does not compile: " + ex.getMessage());
		}
	}

	/**
	 * Startup problems of one tool rule's policy, each naming the route, the property and the position.
	 * @param property e.g. {@code tollgate.routes[0].mcp.tools[1].policy}
	 */
	public static void check(PolicyProperties properties, String routeId, String property, String expression,
			String modeProperty, String mode, ConfigurationProblems problems) {
		if (expression == null) {
			if (mode != null) {
				problems.addForRoute(routeId, modeProperty, "is set but the tool rule has no policy");
			}
			return;
		}
		if (mode != null && PolicyMode.parse(mode) == null) {
			problems.addForRoute(routeId, modeProperty, "must be enforce or shadow, was '" + mode + "'");
		}
		try {
			new PolicyCompiler(properties.policy(), PolicyVariables.toolDeclarations()).compile(property,
					PolicyMode.ENFORCE, expression);
		}
		catch (PolicyCompileException ex) {
			List<String> issues = ex.issues();
			issues.forEach(issue -> problems.addForRoute(routeId, property, issue));
		}
	}

	/** One tool rule's compiled policy. Thread-safe. */
	public final class ToolPolicy {

		private final CompiledPolicy policy;

		ToolPolicy(CompiledPolicy policy) {
			this.policy = policy;
		}

		public String name() {
			return this.policy.name();
		}

		public boolean shadow() {
			return this.policy.mode() == PolicyMode.SHADOW;
		}

		public String mode() {
			return this.policy.mode().tag();
		}

		/**
		 * Evaluates the policy for one {@code tools/call}; counted in {@code tollgate.policy.evaluations}. Never
		 * throws: a failed evaluation is an {@code error} verdict, which denies.
		 * @param arguments the call's arguments as plain Java values (maps, lists, strings, numbers, booleans)
		 */
		public PolicyVerdict evaluate(ServerWebExchange exchange, CallerIdentity caller, String routeId,
				Map<String, String> labels, String tool, Map<String, Object> arguments) {
			PolicyContext request = new PolicyContext(exchange, caller, routeId, labels,
					ToolPolicies.this.clock.instant(), ToolPolicies.this.compiler.env(), ToolPolicies.this.apiKeyHeader,
					this.policy.claims());
			Optional<Object> name = Optional.of(tool);
			Optional<Object> args = Optional.of(CelValues.map(arguments));
			// The tool's two variables on top of the route context, without copying the operator's env per call.
			CelVariableResolver context = (variable) -> switch (variable) {
				case PolicyVariables.TOOL_NAME -> name;
				case PolicyVariables.TOOL_ARGUMENTS -> args;
				default -> request.find(variable);
			};
			PolicyVerdict verdict = this.policy.evaluate(context);
			ToolPolicies.this.metrics.count(this.policy, verdict);
			return verdict;
		}

	}

}
