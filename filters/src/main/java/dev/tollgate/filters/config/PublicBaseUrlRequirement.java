package dev.tollgate.filters.config;

import java.util.Collection;

import org.springframework.cloud.gateway.filter.FilterDefinition;

/**
 * {@value PublicBaseUrl#PROPERTY} is required as soon as one route authenticates: its 401 challenge names the
 * route's RFC 9728 metadata by absolute URL, and the metadata names the route's {@code resource}. Both come from
 * configuration only; the demo sets the property from its own port.
 */
public final class PublicBaseUrlRequirement {

	/** The YAML name of the authentication filter ({@code AuthenticateGatewayFilterFactory}). */
	static final String AUTHENTICATE = "Authenticate";

	/** The YAML name of the one-filter pipeline ({@code TollgateGatewayFilterFactory}). */
	static final String TOLLGATE = "Tollgate";

	private PublicBaseUrlRequirement() {
	}

	/**
	 * @param routeIds the routes that authenticate callers
	 * @throws InvalidConfigurationException naming the property and the routes when it is missing
	 */
	public static void check(PublicBaseUrl base, Collection<String> routeIds) {
		if (base == null && !routeIds.isEmpty()) {
			throw missing(String.join("', '", routeIds));
		}
	}

	/** The failure for a route that authenticates while the property is unset. */
	public static InvalidConfigurationException missing(String routeIds) {
		return new InvalidConfigurationException(PublicBaseUrl.PROPERTY,
				"is required because route '" + routeIds + "' authenticates callers: its 401 challenge and RFC 9728 "
						+ "metadata name absolute URLs, which are never built from the request's Host. Set the URL "
						+ "callers use to reach the gateway, e.g. https://gateway.example.com");
	}

	/** Whether this filter authenticates callers: {@code Authenticate}, or {@code Tollgate} with credentials. */
	public static boolean isAuthenticate(FilterDefinition filter) {
		if (TOLLGATE.equals(filter.getName())) {
			return filter.getArgs().keySet().stream().anyMatch((name) -> name.startsWith("credentials"));
		}
		return AUTHENTICATE.equals(filter.getName());
	}

}
