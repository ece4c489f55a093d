package dev.tollgate.filters.ratelimit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.GatewayToStringStyler;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.core.TollgateAttributes;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.core.Pipeline;
import dev.tollgate.filters.core.PipelineOrder;
import dev.tollgate.filters.ratelimit.store.BucketSpec;

/**
 * {@code ClientRateLimit}: per-client rate limiting on a route, after authentication.
 *
 * <pre>
 * filters:
 *   - Authenticate
 *   - name: ClientRateLimit
 *     args: { policy: standard, cost: 5 }
 * # shortcut: ClientRateLimit=standard,5
 * </pre>
 *
 * Answers 429 with {@code Retry-After} when the client's budget is spent, and sends {@code RateLimit-Policy} and
 * {@code RateLimit} on allowed and refused responses. A request that reaches it without a caller identity (the
 * authenticate stage did not run: a route misconfiguration) consumes nothing and is answered 401.
 */
public class ClientRateLimitGatewayFilterFactory
		extends AbstractGatewayFilterFactory<ClientRateLimitGatewayFilterFactory.Config> {

	/**
	 * Pipeline position: after authenticate ({@code +200}) and authorize ({@code +300}), before the upstream token
	 * ({@code +500}), so refused requests never cost a token exchange.
	 */
	public static final int ORDER = PipelineOrder.RATE_LIMIT;

	/** Stage name in decisions, metrics and logs. */
	public static final String STAGE = "rate-limit";

	private final ClientRateLimiter limiter;

	private final ErrorResponder responder;

	private final DecisionRecorder recorder;

	private final Set<String> routesWarnedWithoutIdentity = ConcurrentHashMap.newKeySet();

	public ClientRateLimitGatewayFilterFactory(ClientRateLimiter limiter, ErrorResponder responder,
			DecisionRecorder recorder) {
		super(Config.class);
		this.limiter = limiter;
		this.responder = responder;
		this.recorder = recorder;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("policy", "cost");
	}

	/**
	 * The stage for the one-filter pipeline, its policy and cost resolved and checked now.
	 * @param cost units a request costs; {@code null}: the policy's own cost
	 * ({@code tollgate.rate-limit.policies.<name>.cost})
	 */
	public Stage stage(String routeId, String policy, Long cost) {
		return stage(new Config().setPolicy(policy).setCost(cost), routeId);
	}

	private RateLimitStage stage(Config config, String routeId) {
		String label = (routeId != null) ? " (route " + routeId + ")" : "";
		if (config.getPolicy() == null || config.getPolicy().isBlank()) {
			throw new IllegalArgumentException("ClientRateLimit" + label + ": policy is required");
		}
		RateLimitPolicies policies = this.limiter.policies();
		BucketSpec spec;
		try {
			spec = policies.policy(config.getPolicy());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("ClientRateLimit" + label + ": " + ex.getMessage());
		}
		long cost = (config.getCost() != null) ? config.getCost() : policies.defaultCost(spec.name());
		long ceiling = policies.smallestCapacity(spec);
		if (cost < 1 || cost > ceiling) {
			throw new IllegalArgumentException("ClientRateLimit" + label + ": cost must be between 1 and "
					+ ceiling + " (the smallest limit of policy \"" + spec.name()
					+ "\" and of the client overrides), was " + cost);
		}
		return new RateLimitStage(this.limiter, this.recorder, spec, cost, this.routesWarnedWithoutIdentity);
	}

	@Override
	public GatewayFilter apply(Config config) {
		String fixedRouteId = config.getRouteId();
		RateLimitStage stage = stage(config, fixedRouteId);
		Pipeline pipeline = new Pipeline(List.of(stage), this.responder);
		GatewayFilter filter = new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				return pipeline.run(new Pass(exchange, null, routeId(exchange, fixedRouteId)), chain);
			}

			@Override
			public String toString() {
				return GatewayToStringStyler.filterToStringCreator(ClientRateLimitGatewayFilterFactory.this)
					.append("routeId", fixedRouteId)
					.append("policy", stage.spec())
					.append("cost", stage.cost())
					.toString();
			}

		};
		return new OrderedGatewayFilter(filter, ORDER);
	}

	/** The configured route id, else the route's security settings, else Spring Cloud Gateway's route. */
	private static String routeId(ServerWebExchange exchange, String fixedRouteId) {
		if (fixedRouteId != null) {
			return fixedRouteId;
		}
		RouteSecurity security = exchange.getAttribute(TollgateAttributes.ROUTE_SECURITY);
		if (security != null) {
			return security.routeId();
		}
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return (route != null) ? route.getId() : "unknown";
	}

	/** Per-route settings. */
	public static class Config implements HasRouteId {

		/** Route id for bucket keys and metrics; set by Spring Cloud Gateway for routes declared in YAML. */
		private String routeId;

		/** Name of a policy under {@code tollgate.rate-limit.policies}. Required. */
		private String policy;

		/** Units one request costs on this route; unset: the policy's default cost. */
		private Long cost;

		@Override
		public String getRouteId() {
			return this.routeId;
		}

		@Override
		public void setRouteId(String routeId) {
			this.routeId = routeId;
		}

		public String getPolicy() {
			return this.policy;
		}

		public Config setPolicy(String policy) {
			this.policy = policy;
			return this;
		}

		public Long getCost() {
			return this.cost;
		}

		public Config setCost(Long cost) {
			this.cost = cost;
			return this;
		}

		@Override
		public String toString() {
			return "Config[routeId=" + this.routeId + ", policy=" + this.policy + ", cost=" + this.cost + "]";
		}

	}

}
