package dev.tollgate.filters.edge;

import java.util.List;

/**
 * The declared routes' path patterns in match order, each with the path relaxations its operator asked for. The edge
 * firewall uses them to apply a route's relaxation only to requests that route would serve. Published as a bean by
 * the routes module; absent, no route relaxes anything.
 *
 * @param inMatchOrder one rule per declared route, in the order routes are matched
 */
public record RouteFirewallRules(List<Rule> inMatchOrder) {

	public RouteFirewallRules {
		inMatchOrder = List.copyOf(inMatchOrder);
	}

	/**
	 * @param routeId the route's id
	 * @param pathPatterns the route's path patterns (Spring {@code PathPattern} syntax, as the {@code Path} predicate)
	 * @param relaxations what the route relaxes on top of the gateway-wide firewall settings
	 */
	public record Rule(String routeId, List<String> pathPatterns, PathRelaxations relaxations) {

		public Rule {
			pathPatterns = List.copyOf(pathPatterns);
		}

	}

}
