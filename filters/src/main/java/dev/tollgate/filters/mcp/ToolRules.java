package dev.tollgate.filters.mcp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tollgate.filters.core.CallerIdentity;

/**
 * A route's {@link ToolRule}s, compiled once: which rule a tool name falls under (an exact name first, then the
 * first matching glob), and whether a caller may call it.
 */
public final class ToolRules {

	/** Metric tag of every tool without a tag of its own. */
	public static final String OTHER = "other";

	private final Map<String, ToolRule> exact = new HashMap<>();

	private final List<Glob> globs = new ArrayList<>();

	private final McpSettings.UnknownTools unknownTools;

	private final Set<String> metricTools;

	public ToolRules(List<ToolRule> rules, McpSettings.UnknownTools unknownTools, List<String> metricTools) {
		for (ToolRule rule : rules) {
			if (rule.isGlob()) {
				this.globs.add(new Glob(glob(rule.name()), rule));
			}
			else {
				this.exact.putIfAbsent(rule.name(), rule);
			}
		}
		this.unknownTools = unknownTools;
		this.metricTools = metricTools.isEmpty() ? Set.copyOf(this.exact.keySet()) : Set.copyOf(metricTools);
	}

	/** The rule for this tool, or {@code null} when none matches (an unknown tool). */
	public ToolRule rule(String tool) {
		ToolRule rule = this.exact.get(tool);
		if (rule != null) {
			return rule;
		}
		for (Glob glob : this.globs) {
			if (glob.pattern().matcher(tool).matches()) {
				return glob.rule();
			}
		}
		return null;
	}

	/**
	 * Whether the caller may call the tool: a matching rule's scopes all held, or, for an unknown tool, the route's
	 * scopes enough ({@code route-scopes}; the authorize stage already checked those).
	 */
	public boolean permits(CallerIdentity caller, String tool) {
		ToolRule rule = rule(tool);
		if (rule == null) {
			return this.unknownTools == McpSettings.UnknownTools.ROUTE_SCOPES;
		}
		return caller.hasAllScopes(rule.scopes());
	}

	/** Whether unknown tools are denied outright. */
	public boolean deniesUnknown() {
		return this.unknownTools == McpSettings.UnknownTools.DENY;
	}

	/** The tool's metric tag: its name when configured for metrics, else {@link #OTHER}. Bounded. */
	public String metricTag(String tool) {
		return (tool != null && this.metricTools.contains(tool)) ? tool : OTHER;
	}

	/** Scopes to name in a challenge for this tool: the route's, then the rule's, without repeats. */
	public static List<String> challengeScopes(List<String> routeScopes, ToolRule rule) {
		Set<String> scopes = new LinkedHashSet<>(routeScopes);
		if (rule != null) {
			scopes.addAll(rule.scopes());
		}
		return List.copyOf(scopes);
	}

	/** {@code *}: any run of characters; {@code ?}: one character; everything else literal. */
	static Pattern glob(String glob) {
		StringBuilder regex = new StringBuilder(glob.length() + 8);
		StringBuilder literal = new StringBuilder();
		for (int i = 0; i < glob.length(); i++) {
			char c = glob.charAt(i);
			if (c == '*' || c == '?') {
				if (literal.length() > 0) {
					regex.append(Pattern.quote(literal.toString()));
					literal.setLength(0);
				}
				regex.append((c == '*') ? ".*" : ".");
			}
			else {
				literal.append(c);
			}
		}
		if (literal.length() > 0) {
			regex.append(Pattern.quote(literal.toString()));
		}
		return Pattern.compile(regex.toString(), Pattern.DOTALL);
	}

	private record Glob(Pattern pattern, ToolRule rule) {
	}

}
