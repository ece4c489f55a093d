package dev.tollgate.filters.policy;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import dev.tollgate.filters.core.RoutePolicy;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.observe.DecisionRecorder;

/**
 * Builds each route's policy stage: a route names a shared policy ({@code tollgate.policies.<name>}), compiled once
 * for all routes naming it, or carries an inline expression, named {@code <route id>.inline}.
 */
public final class PolicyStages {

	private final PolicyCompiler compiler;

	private final Map<String, PolicyProperties.SharedPolicy> shared;

	private final Map<String, CompiledPolicy> compiled = new HashMap<>();

	private final String apiKeyHeader;

	private final Clock clock;

	private final PolicyMetrics metrics;

	private final DecisionRecorder recorder;

	public PolicyStages(PolicyProperties properties, String apiKeyHeader, Clock clock, PolicyMetrics metrics,
			DecisionRecorder recorder) {
		this.compiler = new PolicyCompiler(properties.policy());
		this.shared = properties.policies();
		this.apiKeyHeader = apiKeyHeader;
		this.clock = clock;
		this.metrics = metrics;
		this.recorder = recorder;
	}

	/**
	 * The policy stage of a route.
	 * @throws IllegalArgumentException naming the route, for a policy that does not compile or an unknown mode
	 * (startup validation reports these for {@code tollgate.routes}; this covers hand-written routes)
	 */
	public Stage stage(String routeId, RoutePolicy.Authorization authorization) {
		CompiledPolicy policy;
		try {
			policy = resolve(routeId, authorization);
		}
		catch (PolicyCompileException ex) {
			throw new IllegalArgumentException("route '" + routeId + "': policy does not compile: " + ex.getMessage());
		}
		return new PolicyStage(policy, authorization.labels(), this.compiler.env(), this.apiKeyHeader, this.clock,
				this.metrics, this.recorder);
	}

	private synchronized CompiledPolicy resolve(String routeId, RoutePolicy.Authorization authorization) {
		PolicyMode override = null;
		if (authorization.mode() != null) {
			override = PolicyMode.parse(authorization.mode());
			if (override == null) {
				throw new IllegalArgumentException("route '" + routeId + "': policy mode '" + authorization.mode()
						+ "' is neither enforce nor shadow");
			}
		}
		String reference = authorization.policy();
		PolicyProperties.SharedPolicy named = this.shared.get(reference);
		if (named == null) {
			return this.compiler.compile(routeId + ".inline", (override != null) ? override : PolicyMode.ENFORCE,
					reference);
		}
		PolicyMode mode = (override != null) ? override : PolicyMode.parse(named.mode());
		CompiledPolicy policy = this.compiled.computeIfAbsent(reference,
				(name) -> this.compiler.compile(name, PolicyMode.parse(named.mode()), named.expression()));
		return policy.withMode(mode);
	}

}
