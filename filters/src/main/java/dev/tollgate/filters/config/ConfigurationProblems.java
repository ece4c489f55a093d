package dev.tollgate.filters.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of the {@code tollgate.*} settings, so validators report all of them at once instead of
 * stopping at the first. Each problem names the full property path, e.g. {@code tollgate.routes[2].audience}.
 */
public final class ConfigurationProblems {

	private final List<InvalidConfigurationException.Problem> problems = new ArrayList<>();

	/** A problem with one property, written {@code <property>: <message>}. */
	public void add(String property, String message) {
		this.problems.add(new InvalidConfigurationException.Problem(property, property + ": " + message));
	}

	/** A problem with one property of a route, written {@code route '<id>' (<property>): <message>}. */
	public void addForRoute(String routeId, String property, String message) {
		String id = (routeId != null) ? "'" + routeId + "'" : "<no id>";
		this.problems.add(new InvalidConfigurationException.Problem(property,
				"route " + id + " (" + property + "): " + message));
	}

	public boolean isEmpty() {
		return this.problems.isEmpty();
	}

	/** The problems so far, in the order found. */
	public List<String> list() {
		return this.problems.stream().map(InvalidConfigurationException.Problem::description).toList();
	}

	/** @throws InvalidConfigurationException naming every problem, if there is any */
	public void throwIfAny() {
		if (!this.problems.isEmpty()) {
			throw new InvalidConfigurationException(this.problems);
		}
	}

}
