package dev.tollgate.routes;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's route declarations ({@code tollgate.routes[]}).
 *
 * @param routes Routes that run the Tollgate pipeline, in match order.
 */
@ConfigurationProperties("tollgate")
public record RoutesProperties(@DefaultValue List<RouteDeclaration> routes) {

	public RoutesProperties {
		routes = (routes != null) ? List.copyOf(routes) : List.of();
	}

}
