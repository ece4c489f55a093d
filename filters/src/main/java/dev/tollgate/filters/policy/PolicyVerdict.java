package dev.tollgate.filters.policy;

/**
 * What one evaluation of a policy answered.
 *
 * @param result {@code allow}, {@code deny} or {@code error}: the bounded result tag of metrics and audit events
 * @param cause bounded cause: {@code true}, {@code false}, {@code missing_attribute}, {@code cost_exceeded} or
 * {@code evaluation_error}
 * @param detail what went wrong for an error (for the operator's log and the offline test), else {@code null}; may
 * quote caller input, so escape it before logging
 */
public record PolicyVerdict(String result, String cause, String detail) {

	static final PolicyVerdict ALLOW = new PolicyVerdict("allow", "true", null);

	static final PolicyVerdict DENY = new PolicyVerdict("deny", "false", null);

	public boolean allowed() {
		return this == ALLOW || "allow".equals(this.result);
	}

}
