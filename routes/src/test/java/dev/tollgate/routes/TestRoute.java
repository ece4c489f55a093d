package dev.tollgate.routes;

import dev.tollgate.testkit.TestSettings;

/**
 * A route as an operator writes it under {@code tollgate.routes[0]}, bound the way the gateway binds it, so a test
 * states only the settings it changes: {@code new TestRoute().set("upstream-token.exchange", "corp").bind()}.
 */
final class TestRoute {

	private final TestSettings settings = TestSettings.under("tollgate.routes[0]");

	/**
	 * @param name relative to the route, e.g. {@code api-keys.phase}
	 * @param value the value; a list sets the indexed elements (an empty one, an empty list); null unsets it
	 */
	TestRoute set(String name, Object value) {
		this.settings.set(name, value);
		return this;
	}

	RouteDeclaration bind() {
		return this.settings.bind(RouteDeclaration.class);
	}

}
