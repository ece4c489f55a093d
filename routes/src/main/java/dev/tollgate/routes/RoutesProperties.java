package dev.tollgate.routes;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The operator's route declarations ({@code tollgate.routes[]}). */
@ConfigurationProperties("tollgate")
public class RoutesProperties {

	/** Routes that run the Tollgate pipeline, in match order. */
	private List<RouteDeclaration> routes = new ArrayList<>();

	public List<RouteDeclaration> getRoutes() {
		return this.routes;
	}

	public void setRoutes(List<RouteDeclaration> routes) {
		this.routes = routes;
	}

}
