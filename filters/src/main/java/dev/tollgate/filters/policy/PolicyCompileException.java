package dev.tollgate.filters.policy;

import java.util.List;

/** A policy that does not compile or type-check; each issue names its position in the expression. */
public final class PolicyCompileException extends RuntimeException {

	private final List<String> issues;

	PolicyCompileException(List<String> issues) {
		super(String.join("; ", issues), null, false, false);
		this.issues = List.copyOf(issues);
	}

	/** Each issue, e.g. {@code line 1, column 8: undeclared reference to 'caller'}. */
	public List<String> issues() {
		return this.issues;
	}

}
