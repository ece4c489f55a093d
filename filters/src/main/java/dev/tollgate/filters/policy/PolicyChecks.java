package dev.tollgate.filters.policy;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.tollgate.filters.config.ConfigurationProblems;

/**
 * Startup checks of policies, reported with every other configuration problem: each shared policy and each route's
 * policy is compiled and type-checked, and a problem names the property, the route and the position in the
 * expression.
 */
public final class PolicyChecks {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

	private final PolicyProperties properties;

	private final PolicyCompiler compiler;

	public PolicyChecks(PolicyProperties properties) {
		this.properties = properties;
		this.compiler = new PolicyCompiler(properties.policy());
	}

	/** Problems of {@code tollgate.policies.*} and {@code tollgate.policy.*}. */
	public void check(ConfigurationProblems problems) {
		PolicyProperties.Settings settings = this.properties.policy();
		if (settings.maxIterations() < 1) {
			problems.add("tollgate.policy.max-iterations", "must be at least 1");
		}
		if (settings.maxExpressionLength() < 1) {
			problems.add("tollgate.policy.max-expression-length", "must be at least 1");
		}
		if (settings.maxExpressionNodes() < 1) {
			problems.add("tollgate.policy.max-expression-nodes", "must be at least 1");
		}
		Set<String> seen = new TreeSet<>();
		checkEnvNames("tollgate.policy.env", settings.env(), seen, problems);
		checkEnvNames("tollgate.policy.env-lists", settings.envLists(), seen, problems);
		checkEnvNames("tollgate.policy.env-maps", settings.envMaps(), seen, problems);
		for (Map.Entry<String, PolicyProperties.SharedPolicy> entry : new java.util.TreeMap<>(
				this.properties.policies()).entrySet()) {
			String property = "tollgate.policies." + entry.getKey();
			PolicyProperties.SharedPolicy policy = entry.getValue();
			if (!NAME.matcher(entry.getKey()).matches()) {
				problems.add(property, "a policy name may contain only letters, digits, '.', '_' and '-'");
			}
			if (PolicyMode.parse(policy.mode()) == null) {
				problems.add(property + ".mode", "must be enforce or shadow, was '" + policy.mode() + "'");
			}
			if (policy.expression() == null || policy.expression().isBlank()) {
				problems.add(property + ".expression", "is required");
				continue;
			}
			try {
				this.compiler.compile(entry.getKey(), PolicyMode.ENFORCE, policy.expression());
			}
			catch (PolicyCompileException ex) {
				ex.issues().forEach(issue -> problems.add(property + ".expression", issue));
			}
		}
	}

	private static void checkEnvNames(String property, Map<String, ?> attributes, Set<String> seen,
			ConfigurationProblems problems) {
		for (String name : attributes.keySet()) {
			if (!IDENTIFIER.matcher(name).matches()) {
				problems.add(property + "." + name, "an env attribute name is read as env.<name> in CEL: letters "
						+ "and digits only, a letter first (e.g. homeRegion)");
			}
			if (!seen.add(name)) {
				problems.add(property + "." + name, "is declared more than once across env, env-lists and env-maps");
			}
		}
	}

	/**
	 * Problems of one route's policy.
	 * @param property the route's policy property, e.g. {@code tollgate.routes[0].policy}
	 * @param modeProperty the route's mode property, e.g. {@code tollgate.routes[0].policy-mode}
	 * @param authenticates whether the route authenticates callers (a policy needs a caller)
	 */
	public void checkRoute(String routeId, String property, String policy, String modeProperty, String mode,
			boolean authenticates, ConfigurationProblems problems) {
		if (policy == null) {
			if (mode != null) {
				problems.addForRoute(routeId, modeProperty, "is set but the route has no policy");
			}
			return;
		}
		if (!authenticates) {
			problems.addForRoute(routeId, property, "needs an authenticated caller, but the route accepts no "
					+ "credential");
		}
		if (mode != null && PolicyMode.parse(mode) == null) {
			problems.addForRoute(routeId, modeProperty, "must be enforce or shadow, was '" + mode + "'");
		}
		if (this.properties.policies().containsKey(policy)) {
			return;
		}
		try {
			this.compiler.compile(routeId + ".inline", PolicyMode.ENFORCE, policy);
		}
		catch (PolicyCompileException ex) {
			if (NAME.matcher(policy).matches()) {
				problems.addForRoute(routeId, property, "'" + policy + "' is neither a shared policy (known: "
						+ new TreeSet<>(this.properties.policies().keySet()) + ") nor a valid expression: "
						+ ex.issues().get(0));
				return;
			}
			ex.issues().forEach(issue -> problems.addForRoute(routeId, property, issue));
		}
	}

}
