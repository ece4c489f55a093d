package dev.tollgate.filters.mcp;

import java.util.List;

/**
 * What calling the tools of one name (or glob) needs, besides the route's own scopes. A CEL {@code policy}
 * component over the tool name and arguments is meant to join these (issue 13); the rule is a record so it can be
 * added without changing how rules are matched.
 *
 * @param name Tool name, or a glob with {@code *} (any run of characters) and {@code ?} (one character), e.g.
 * {@code refund_*}. Required.
 * @param scopes Scopes a caller must all hold to call these tools (in addition to the route's); missing one is 403
 * {@code insufficient_scope} naming them.
 * @param rateLimit Name of a rate-limit policy ({@code tollgate.rate-limit.policies}) for calls to these tools, per
 * client; one bucket per rule, so a glob's tools share it. Unset: only the route's limit.
 * @param rateLimitCost Units one call costs from that bucket; unset: the policy's own cost.
 */
public record ToolRule(String name, List<String> scopes, String rateLimit, Long rateLimitCost) {

	public ToolRule {
		scopes = (scopes != null) ? List.copyOf(scopes) : List.of();
	}

	/** A rule with scopes only. */
	public static ToolRule scopes(String name, String... scopes) {
		return new ToolRule(name, List.of(scopes), null, null);
	}

	/** Whether the name is a glob rather than one tool's name. */
	public boolean isGlob() {
		return this.name.indexOf('*') >= 0 || this.name.indexOf('?') >= 0;
	}

}
