package dev.tollgate.filters.ratelimit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.GatewayToStringStyler;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.RouteSecurity;
import dev.tollgate.filters.TollgateAttributes;
import dev.tollgate.filters.authn.CallerIdentity;
import dev.tollgate.filters.errors.CallerFault;
import dev.tollgate.filters.errors.DependencyFailure;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.errors.RateLimited;
import dev.tollgate.filters.observe.DecisionRecorder;

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
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 400;

	/** Stage name in decisions, metrics and logs. */
	public static final String STAGE = "rate-limit";

	private static final Logger log = LoggerFactory.getLogger(ClientRateLimitGatewayFilterFactory.class);

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

	@Override
	public GatewayFilter apply(Config config) {
		if (config.getPolicy() == null || config.getPolicy().isBlank()) {
			throw new IllegalArgumentException("ClientRateLimit" + routeLabel(config) + ": policy is required");
		}
		RateLimitPolicies policies = this.limiter.policies();
		BucketSpec spec;
		try {
			spec = policies.policy(config.getPolicy());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("ClientRateLimit" + routeLabel(config) + ": " + ex.getMessage());
		}
		long cost = (config.getCost() != null) ? config.getCost() : policies.defaultCost(spec.name());
		long ceiling = policies.smallestCapacity(spec);
		if (cost < 1 || cost > ceiling) {
			throw new IllegalArgumentException("ClientRateLimit" + routeLabel(config) + ": cost must be between 1 and "
					+ ceiling + " (the smallest limit of policy \"" + spec.name()
					+ "\" and of the client overrides), was " + cost);
		}
		String fixedRouteId = config.getRouteId();
		GatewayFilter filter = new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				return limit(exchange, chain, routeId(exchange, fixedRouteId), spec, cost);
			}

			@Override
			public String toString() {
				return GatewayToStringStyler.filterToStringCreator(ClientRateLimitGatewayFilterFactory.this)
					.append("routeId", fixedRouteId)
					.append("policy", spec)
					.append("cost", cost)
					.toString();
			}

		};
		return new OrderedGatewayFilter(filter, ORDER);
	}

	private Mono<Void> limit(ServerWebExchange exchange, GatewayFilterChain chain, String routeId, BucketSpec spec,
			long cost) {
		CallerIdentity caller = exchange.getAttribute(TollgateAttributes.CALLER_IDENTITY);
		if (caller == null) {
			if (this.routesWarnedWithoutIdentity.add(routeId)) {
				log.atError()
					.addKeyValue("route", routeId)
					.log("ClientRateLimit ran without a caller identity: put an authentication filter before it; "
							+ "answering 401 without consuming any budget");
			}
			return this.responder.reject(exchange, routeId, STAGE, CallerFault.missingCredential());
		}
		return this.limiter.check(routeId, spec, cost, caller).flatMap(verdict -> switch (verdict.outcome()) {
			case ALLOWED -> {
				HttpHeaders headers = exchange.getResponse().getHeaders();
				verdict.headers().forEach(headers::set);
				if (verdict.isFallback()) {
					this.recorder.record(exchange, routeId, STAGE, "fallback",
							"store_" + verdict.fallbackReason() + "_" + verdict.fallback().tag());
				}
				else {
					this.recorder.record(exchange, routeId, STAGE, "allowed", "within_limit");
				}
				yield chain.filter(exchange);
			}
			case LIMITED -> this.responder.reject(exchange, routeId, STAGE, new RateLimited(verdict.headers()));
			case UNAVAILABLE -> {
				exchange.getResponse().getHeaders().set(RateLimitHeaders.POLICY, RateLimitHeaders.policy(verdict.spec()));
				yield this.responder.reject(exchange, routeId, STAGE, new DependencyFailure("redis",
						"store_" + verdict.fallbackReason(), this.limiter.unavailableRetryAfter()));
			}
		});
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

	private static String routeLabel(Config config) {
		return (config.getRouteId() != null) ? " (route " + config.getRouteId() + ")" : "";
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
