package dev.tollgate.filters.config;

/**
 * Startup failure: a gateway-wide property ({@code tollgate.gateway.*}) is missing or wrong. The message names the
 * property and the problem, and is printed without a stack trace by
 * {@link InvalidGatewayConfigurationFailureAnalyzer}.
 */
public final class InvalidGatewayConfigurationException extends RuntimeException {

	private final String property;

	public InvalidGatewayConfigurationException(String property, String problem) {
		super(property + ": " + problem, null, false, false);
		this.property = property;
	}

	/** The property to fix, e.g. {@code tollgate.gateway.public-base-url}. */
	public String property() {
		return this.property;
	}

}
