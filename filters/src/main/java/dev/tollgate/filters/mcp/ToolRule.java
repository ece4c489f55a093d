package dev.tollgate.filters.mcp;

import java.util.List;

/**
 * What calling the tools of one name (or glob) needs, besides the route's own scopes: scopes, a rate limit, and a
 * CEL policy over the caller, the request, the tool's name and its arguments.
 *
 * @param name Tool name, or a glob with {@code *} (any run of characters) and {@code ?} (one character), e.g.
 * {@code refund_*}. Required.
 * @param scopes Scopes a caller must all hold to call these tools (in addition to the route's); missing one is 403
 * {@code insufficient_scope} naming them.
 * @param rateLimit Name of a rate-limit policy ({@code tollgate.rate-limit.policies}) for calls to these tools, per
 * client; one bucket per rule, so a glob's tools share it. Unset: only the route's limit.
 * @param rateLimitCost Units one call costs from that bucket; unset: the policy's own cost.
 * @param policy Inline CEL expression of type {@code bool} a call must satisfy, checked after the scopes; besides the
 * route policies' context it reads {@code tool.name} and {@code tool.arguments}, e.g.
 * {@code double(tool.arguments.amount) <= 100.0}. Compiled at startup; see docs/mcp.md. Unset: none.
 * @param policyMode {@code enforce} (default) or {@code shadow} (count and log would-be denials, let calls through).
 */
public record ToolRule(String name, List<String> scopes, String rateLimit, Long rateLimitCost, String policy,
		String policyMode) {

	public ToolRule {
		scopes = (scopes != null) ? List.copyOf(scopes) : List.of();
	}

	/** A rule with scopes only. */
	public static ToolRule scopes(String name, String... scopes) {
		return new ToolRule(name, List.of(scopes), null, null, null, null);
	}

	/** Whether the name is a glob rather than one tool's name. */
	public boolean isGlob() {
		return this.name.indexOf('*') >= 0 || this.name.indexOf('?') >= 0;
	}

}
