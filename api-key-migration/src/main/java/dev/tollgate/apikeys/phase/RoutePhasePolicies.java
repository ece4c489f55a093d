package dev.tollgate.apikeys.phase;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-route API-key policies, filled by the routes module at startup ({@link #register}) and read on every request.
 * Routes never registered get {@link RoutePhasePolicy#ALLOW}.
 */
public final class RoutePhasePolicies {

	private final Map<String, RoutePhasePolicy> byRoute = new ConcurrentHashMap<>();

	private final List<BrownoutWindow> defaultBrownoutWindows;

	/** @param defaultBrownoutWindows windows for brownout keys and routes that name none */
	public RoutePhasePolicies(List<BrownoutWindow> defaultBrownoutWindows) {
		this.defaultBrownoutWindows = List.copyOf(defaultBrownoutWindows);
	}

	public void register(String routeId, RoutePhasePolicy policy) {
		this.byRoute.put(routeId, policy);
	}

	public RoutePhasePolicy get(String routeId) {
		return this.byRoute.getOrDefault(routeId, RoutePhasePolicy.ALLOW);
	}

	/** The windows in force for {@code policy}: its own, else the defaults. */
	public List<BrownoutWindow> windowsFor(RoutePhasePolicy policy) {
		return policy.brownoutWindows().isEmpty() ? this.defaultBrownoutWindows : policy.brownoutWindows();
	}

	/** Registered route ids and their policies, for reports. */
	public Map<String, RoutePhasePolicy> all() {
		return Map.copyOf(this.byRoute);
	}

}
