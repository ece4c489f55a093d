package dev.tollgate.filters.policy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which claims a policy reads, so each evaluation hands CEL only those: CEL converts a whole map whenever a policy
 * touches it, and a token carries many claims a policy never reads. Every {@code caller.claims} in the expression
 * must be followed by a plain field ({@code .tenant}, not a call like {@code .exists(}) or a quoted index
 * ({@code ['tenant']}); any other use ({@code 'k' in caller.claims}, {@code caller.claims[name]}) means all claims.
 */
final class ClaimReferences {

	private static final Pattern USE = Pattern.compile("caller\\s*\\.\\s*claims\\b");

	private static final Pattern FIELD = Pattern.compile("\\G\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)\\b(?!\\s*\\()");

	private static final Pattern INDEX = Pattern.compile("\\G\\s*\\[\\s*(?:'([^'\\\\]*)'|\"([^\"\\\\]*)\")\\s*\\]");

	private ClaimReferences() {
	}

	/** The claim names the expression reads, or {@code null} when it may read any. */
	static Set<String> of(String expression) {
		Set<String> names = new TreeSet<>();
		Matcher use = USE.matcher(expression);
		while (use.find()) {
			Matcher field = FIELD.matcher(expression);
			Matcher index = INDEX.matcher(expression);
			if (field.find(use.end())) {
				names.add(field.group(1));
			}
			else if (index.find(use.end())) {
				names.add((index.group(1) != null) ? index.group(1) : index.group(2));
			}
			else {
				return null;
			}
		}
		return names;
	}

}
