package dev.tollgate.admin;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers 404 for a health path naming a component that does not exist, before the health endpoint sees it: with
 * components shown (an admin token holder), Spring Boot 4.0's health endpoint fails with a 500 and a stack trace on
 * an unknown component followed by more segments ({@code /actuator/health/nope/x}), where it means 404. The walk is
 * the endpoint's own: an optional group, then contributors, composites only before the last segment.
 */
final class HealthPathGuard implements WebFilter {

	/** {@code <base path>/health} as segments, resolved once. */
	private final List<String> healthBase;

	private final ObjectProvider<HealthEndpointGroups> groups;

	private final ObjectProvider<HealthContributorRegistry> blocking;

	private final ObjectProvider<ReactiveHealthContributorRegistry> reactive;

	HealthPathGuard(String basePath, ObjectProvider<HealthEndpointGroups> groups,
			ObjectProvider<HealthContributorRegistry> blocking,
			ObjectProvider<ReactiveHealthContributorRegistry> reactive) {
		List<String> base = new ArrayList<>(List.of(basePath.split("/")));
		base.removeIf(String::isEmpty);
		base.add("health");
		this.healthBase = List.copyOf(base);
		this.groups = groups;
		this.blocking = blocking;
		this.reactive = reactive;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		List<String> path = healthPath(exchange.getRequest().getPath().pathWithinApplication());
		if (path == null || path.isEmpty() || exists(path)) {
			return chain.filter(exchange);
		}
		exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
		return exchange.getResponse().setComplete();
	}

	/** The segments after {@code <base>/health}, decoded and without {@code ;} parameters; null for other paths. */
	private List<String> healthPath(PathContainer path) {
		List<String> segments = new ArrayList<>();
		for (PathContainer.Element element : path.elements()) {
			if (element instanceof PathContainer.PathSegment segment && !segment.valueToMatch().isEmpty()) {
				segments.add(segment.valueToMatch());
			}
		}
		int base = this.healthBase.size();
		if (segments.size() < base || !segments.subList(0, base).equals(this.healthBase)) {
			return null;
		}
		return segments.subList(base, segments.size());
	}

	private boolean exists(List<String> path) {
		HealthEndpointGroups groups = this.groups.getIfAvailable();
		if (groups == null) {
			return true;
		}
		int first = (groups.get(path.get(0)) != null) ? 1 : 0;
		if (first == path.size()) {
			return true;
		}
		// The endpoint reads blocking and reactive contributors alike: the path exists if either registry has it.
		return existsIn(this.blocking.getIfAvailable(), path, first)
				|| existsInReactive(this.reactive.getIfAvailable(), path, first);
	}

	private static boolean existsIn(HealthContributorRegistry registry, List<String> path, int i) {
		HealthContributor contributor = (registry != null) ? registry.getContributor(path.get(i++)) : null;
		while (contributor != null && i < path.size()) {
			contributor = (contributor instanceof CompositeHealthContributor composite)
					? composite.getContributor(path.get(i++)) : null;
		}
		return contributor != null;
	}

	private static boolean existsInReactive(ReactiveHealthContributorRegistry registry, List<String> path, int i) {
		ReactiveHealthContributor contributor = (registry != null) ? registry.getContributor(path.get(i++)) : null;
		while (contributor != null && i < path.size()) {
			contributor = (contributor instanceof CompositeReactiveHealthContributor composite)
					? composite.getContributor(path.get(i++)) : null;
		}
		return contributor != null;
	}

}
