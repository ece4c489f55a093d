package dev.tollgate.routes;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;

/**
 * 405 instead of fall-through. Routes match first-come, so without this a {@code POST} to a {@code methods: [GET]}
 * route's path skips that route and lands on whatever comes next, often a public catch-all ({@code /**}), which
 * would serve a protected path without authentication.
 *
 * <p>
 * The rule, per path pattern {@code P} of a method-restricted route: right after the <em>first</em> declared route
 * with {@code P}, a guard route matches {@code P} with any method that <em>no</em> declared route with exactly
 * {@code P} accepts, and answers 405 with {@code Allow} listing the ones that do. So two routes on one path with
 * different methods (GET to a read route, POST to a write route) both keep working; everything else on that path is
 * 405, and later, broader routes never see it. If any route with {@code P} accepts every method there is nothing to
 * guard. A {@code GET} route also serves {@code HEAD} (RFC 9110 §9.3.2: HEAD is GET without content).
 */
final class MethodGuardRoutes {

	/** Ids of guard routes: the declared route's id plus this; '#' cannot occur in a declared id. */
	static final String ID_SUFFIX = "#405";

	private static final List<String> CANONICAL = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	private static final Comparator<String> METHOD_ORDER = Comparator
		.comparingInt((String m) -> CANONICAL.contains(m) ? CANONICAL.indexOf(m) : CANONICAL.size())
		.thenComparing(Comparator.naturalOrder());

	private MethodGuardRoutes() {
	}

	/** The methods a route accepts, upper-cased, {@code HEAD} added to {@code GET}; empty means every method. */
	static List<String> methods(RouteDeclaration route) {
		Set<String> methods = new TreeSet<>(METHOD_ORDER);
		for (String method : route.methods()) {
			methods.add(method.toUpperCase(Locale.ROOT));
		}
		if (methods.contains("GET")) {
			methods.add("HEAD");
		}
		return List.copyOf(methods);
	}

	/**
	 * The guard routes to place right after {@code route}: one per path pattern that {@code route} is the first
	 * declared route for, when it is method-restricted.
	 * @param all every declared route, in match order
	 */
	static List<RouteDefinition> after(RouteDeclaration route, List<RouteDeclaration> all) {
		List<RouteDefinition> guards = new ArrayList<>();
		if (route.methods().isEmpty()) {
			return guards;
		}
		for (String pattern : route.path()) {
			List<RouteDeclaration> sharing = all.stream().filter(r -> r.path().contains(pattern)).toList();
			if (sharing.get(0) != route || sharing.stream().anyMatch(r -> r.methods().isEmpty())) {
				continue;
			}
			Set<String> allowed = new TreeSet<>(METHOD_ORDER);
			sharing.forEach(r -> allowed.addAll(methods(r)));
			String id = route.id() + ID_SUFFIX + (guards.isEmpty() ? "" : "-" + (guards.size() + 1));
			guards.add(guard(id, route, pattern, List.copyOf(allowed)));
		}
		return guards;
	}

	private static RouteDefinition guard(String id, RouteDeclaration route, String pattern, List<String> allowed) {
		RouteDefinition definition = new RouteDefinition();
		definition.setId(id);
		// Never contacted: the guard's only filter answers.
		definition.setUri(URI.create(route.upstream()));
		definition.getPredicates().add(predicate("Path", Map.of("patterns[0]", pattern)));
		definition.getPredicates().add(predicate("MethodNotIn", indexed("methods", allowed)));
		FilterDefinition filter = new FilterDefinition();
		filter.setName("MethodNotAllowed");
		Map<String, String> args = indexed("allow", allowed);
		args.put("route", route.id());
		filter.setArgs(args);
		definition.getFilters().add(filter);
		return definition;
	}

	private static PredicateDefinition predicate(String name, Map<String, String> args) {
		PredicateDefinition predicate = new PredicateDefinition();
		predicate.setName(name);
		predicate.setArgs(new LinkedHashMap<>(args));
		return predicate;
	}

	private static Map<String, String> indexed(String name, List<String> values) {
		Map<String, String> args = new LinkedHashMap<>();
		for (int i = 0; i < values.size(); i++) {
			args.put(name + "[" + i + "]", values.get(i));
		}
		return args;
	}

}
