package dev.tollgate.routes;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Flux;

import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;

/**
 * Turns validated declarations into ordinary Spring Cloud Gateway route definitions that run the pipeline filters
 * by name, in pipeline order. The same filters are available to hand-written gateway routes.
 */
public final class DeclaredRouteDefinitions implements RouteDefinitionLocator {

	private final List<RouteDefinition> definitions;

	public DeclaredRouteDefinitions(List<RouteDeclaration> declarations) {
		List<RouteDefinition> definitions = new ArrayList<>();
		for (RouteDeclaration route : declarations) {
			definitions.add(toDefinition(route));
			// 405 for other methods on a method-restricted route's paths, before any later route can take them.
			definitions.addAll(MethodGuardRoutes.after(route, declarations));
		}
		this.definitions = List.copyOf(definitions);
	}

	@Override
	public Flux<RouteDefinition> getRouteDefinitions() {
		return Flux.fromIterable(this.definitions);
	}

	/** The path under which a route's RFC 9728 metadata lives: its first path pattern without wildcards. */
	public static String resourcePath(RouteDeclaration route) {
		String path = route.path().get(0);
		int wildcard = indexOfWildcard(path);
		String base = (wildcard >= 0) ? path.substring(0, wildcard) : path;
		while (base.endsWith("/") && base.length() > 1) {
			base = base.substring(0, base.length() - 1);
		}
		return base;
	}

	private static int indexOfWildcard(String path) {
		int star = path.indexOf('*');
		int brace = path.indexOf('{');
		if (star < 0) {
			return brace;
		}
		return (brace < 0) ? star : Math.min(star, brace);
	}

	static RouteDefinition toDefinition(RouteDeclaration route) {
		RouteDefinition definition = new RouteDefinition();
		definition.setId(route.id());
		definition.setUri(URI.create(route.upstream()));
		definition.getPredicates().add(predicate("Path", indexed("patterns", route.path())));
		if (!route.methods().isEmpty()) {
			definition.getPredicates().add(predicate("Method", indexed("methods", MethodGuardRoutes.methods(route))));
		}
		// The whole pipeline as one filter (TollgateGatewayFilterFactory), its policy resolved once from these.
		Map<String, String> args = new LinkedHashMap<>();
		args.putAll(indexed("stripHeaders", route.stripHeaders()));
		if (route.forwardCredentials()) {
			args.put("forwardCredentials", "true");
		}
		if (!route.credentials().isEmpty()) {
			args.put("audience", route.audience());
			args.put("resourcePath", resourcePath(route));
			args.putAll(indexed("scopes", route.scopes()));
			args.putAll(indexed("credentials",
					route.credentials().stream().map(c -> c.replace('-', '_').toUpperCase(Locale.ROOT)).toList()));
			args.putAll(indexed("issuers", route.issuers()));
			if (route.binding() != null && !"none".equals(route.binding())) {
				args.put("binding", route.binding().replace('-', '_').toUpperCase(Locale.ROOT));
			}
			if (route.rateLimit() != null) {
				// No cost on the route: the stage takes the policy's own cost (tollgate.rate-limit.policies.<name>.cost).
				args.put("rateLimit", route.rateLimit());
				if (route.rateLimitCost() != null) {
					args.put("rateLimitCost", Integer.toString(route.rateLimitCost()));
				}
			}
			RouteDeclaration.UpstreamToken token = route.upstreamToken();
			putIfSet(args, "exchange", token.exchange());
			putIfSet(args, "upstreamAudience", token.audience());
			putIfSet(args, "upstreamResource", token.resource());
			if (token.boundTokens() != null) {
				args.put("upstreamForBoundTokens", token.boundTokens().toUpperCase(Locale.ROOT));
			}
			args.putAll(indexed("upstreamScopes", token.scopes()));
			if (route.policy() != null) {
				args.put("policy", route.policy());
				putIfSet(args, "policyMode", route.policyMode());
				route.labels().forEach((name, value) -> args.put("labels[" + name + "]", value));
			}
		}
		List<FilterDefinition> filters = definition.getFilters();
		filters.add(filter("Tollgate", args));
		if (route.stripPrefix() > 0) {
			filters.add(filter("StripPrefix", Map.of("parts", Integer.toString(route.stripPrefix()))));
		}
		return definition;
	}

	private static void putIfSet(Map<String, String> args, String name, String value) {
		if (value != null) {
			args.put(name, value);
		}
	}

	private static Map<String, String> indexed(String name, List<String> values) {
		Map<String, String> args = new LinkedHashMap<>();
		for (int i = 0; i < values.size(); i++) {
			args.put(name + "[" + i + "]", values.get(i));
		}
		return args;
	}

	private static PredicateDefinition predicate(String name, Map<String, String> args) {
		PredicateDefinition predicate = new PredicateDefinition();
		predicate.setName(name);
		predicate.setArgs(new LinkedHashMap<>(args));
		return predicate;
	}

	private static FilterDefinition filter(String name, Map<String, String> args) {
		FilterDefinition filter = new FilterDefinition();
		filter.setName(name);
		filter.setArgs(new LinkedHashMap<>(args));
		return filter;
	}

}
