package dev.tollgate.filters.policy;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Route policies in CEL ({@code docs/policies.md}): the shared policies a route may name
 * ({@code tollgate.policies.<name>}) and the settings every policy is compiled with ({@code tollgate.policy.*}).
 *
 * @param policies Shared policies by name; a route names one in {@code tollgate.routes[].policy}. Names may contain
 * letters, digits, '.', '_' and '-'.
 * @param policy Settings of every policy: the operator's {@code env} attributes and the evaluation limits.
 */
@ConfigurationProperties("tollgate")
public record PolicyProperties(@DefaultValue Map<String, SharedPolicy> policies, @DefaultValue Settings policy) {

	public PolicyProperties {
		policies = (policies != null) ? Map.copyOf(policies) : Map.of();
	}

	/**
	 * One shared policy.
	 *
	 * @param expression The CEL expression; must be of type {@code bool}, {@code true} allows. Required.
	 * @param mode {@code enforce} (a {@code false} answers 403 {@code policy_denied}) or {@code shadow} (evaluated,
	 * counted and logged, the request goes on). A route may override it with {@code policy-mode}. Default enforce.
	 * @param description Free text for reviewers; never shown to callers.
	 */
	public record SharedPolicy(String expression, @DefaultValue("enforce") String mode, String description) {
	}

	/**
	 * Settings shared by all policies.
	 *
	 * @param env Operator attributes policies read as {@code env.<name>} (type {@code string}). Names are CEL
	 * identifiers: letters and digits, a letter first, e.g. {@code homeRegion}.
	 * @param envLists Operator list attributes, read as {@code env.<name>} (type {@code list(string)}), e.g. an
	 * allowlist {@code regions: [eu-west-1, eu-central-1]}.
	 * @param envMaps Operator map attributes, read as {@code env.<name>} (type {@code map(string, string)}), e.g. a
	 * tenant-to-region map.
	 * @param maxIterations Cost limit: comprehension iterations ({@code all}, {@code exists}, {@code map},
	 * {@code filter}) one evaluation may run in total; beyond it the evaluation fails, which denies. Default 1000.
	 * @param maxExpressionLength Cost limit at startup: the longest expression accepted, in code points. Default 4096.
	 * @param maxExpressionNodes Cost limit at startup: the most syntax nodes an expression may have. Default 500.
	 */
	public record Settings(@DefaultValue Map<String, String> env, @DefaultValue Map<String, List<String>> envLists,
			@DefaultValue Map<String, Map<String, String>> envMaps, @DefaultValue("1000") int maxIterations,
			@DefaultValue("4096") int maxExpressionLength, @DefaultValue("500") int maxExpressionNodes) {

		public Settings {
			env = (env != null) ? Map.copyOf(env) : Map.of();
			envLists = (envLists != null) ? Map.copyOf(envLists) : Map.of();
			envMaps = (envMaps != null) ? Map.copyOf(envMaps) : Map.of();
		}

		/** Defaults, no env attributes (tests, the offline CLI without a configuration file). */
		public static Settings defaults() {
			return new Settings(Map.of(), Map.of(), Map.of(), 1000, 4096, 500);
		}

	}

}
