package dev.tollgate.filters.config;

import java.util.List;

/**
 * Startup failure: one or more {@code tollgate.*} properties are unknown, missing or wrong. Each problem is one line
 * naming the property (and the route, where one is concerned); {@link InvalidConfigurationFailureAnalyzer} prints
 * them all without a stack trace, so an operator fixes the file in one pass.
 */
public final class InvalidConfigurationException extends RuntimeException {

	private final List<Problem> problems;

	InvalidConfigurationException(List<Problem> problems) {
		super(String.join("\n", problems.stream().map(Problem::description).toList()), null, false, false);
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("an invalid configuration has at least one problem");
		}
		this.problems = List.copyOf(problems);
	}

	/** One problem, described {@code <property>: <problem>}. */
	public InvalidConfigurationException(String property, String problem) {
		this(List.of(new Problem(property, property + ": " + problem)));
	}

	/** Each problem, e.g. {@code route 'orders' (tollgate.routes[0].audience): is required}. */
	public List<String> problems() {
		return this.problems.stream().map(Problem::description).toList();
	}

	/** The properties to fix, in the order of {@link #problems()}, e.g. {@code tollgate.routes[0].audience}. */
	public List<String> properties() {
		return this.problems.stream().map(Problem::property).toList();
	}

	/**
	 * @param property the full property path
	 * @param description one line naming the property, and the route where one is concerned
	 */
	record Problem(String property, String description) {
	}

}
