package dev.tollgate.routes;

import java.util.List;

/** Startup failure: one or more route declarations are wrong. The message names each route and property. */
public final class InvalidRouteDeclarationException extends RuntimeException {

	private final List<String> problems;

	public InvalidRouteDeclarationException(List<String> problems) {
		super("Invalid Tollgate route declarations:\n - " + String.join("\n - ", problems), null, false, false);
		this.problems = List.copyOf(problems);
	}

	/** Each problem, e.g. {@code route 'orders' (tollgate.routes[0].audience): is required}. */
	public List<String> problems() {
		return this.problems;
	}

}
