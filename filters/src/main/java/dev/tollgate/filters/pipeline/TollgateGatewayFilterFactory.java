package dev.tollgate.filters.pipeline;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.authn.AuthenticateGatewayFilterFactory;
import dev.tollgate.filters.authz.AuthorizeGatewayFilterFactory;
import dev.tollgate.filters.binding.BindingStages;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RoutePolicy;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.core.TollgateAttributes;
import dev.tollgate.filters.errors.ErrorResponder;
import dev.tollgate.filters.mcp.McpStages;
import dev.tollgate.filters.observe.AuditTrail;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.observe.DecisionSpans;
import dev.tollgate.filters.policy.PolicyStages;
import dev.tollgate.filters.ratelimit.ClientRateLimitGatewayFilterFactory;
import dev.tollgate.filters.strip.StripHeadersGatewayFilterFactory;
import dev.tollgate.filters.upstream.UpstreamTokenGatewayFilterFactory;
import dev.tollgate.filters.core.Pipeline;
import dev.tollgate.filters.core.PipelineOrder;

/**
 * {@code Tollgate}: the whole pipeline as one filter. Its {@link RoutePolicy} is resolved once, when the route is
 * built; each request then runs strip, authenticate, authorize, rate-limit and upstream token on one {@link Pass},
 * synchronously while every cache answers, and the request goes upstream with all its header changes applied in
 * one {@code mutate()}. Every {@code tollgate.routes} declaration runs as this filter; hand-written routes may use it
 * too (or the stages one by one: {@code Authenticate}, {@code Authorize}, {@code ClientRateLimit},
 * {@code UpstreamToken}, which are adapters over the same stages).
 *
 * <pre>
 * filters:
 *   - name: Tollgate
 *     args: { audience: https://gateway.example.com/orders, scopes: orders:read, credentials: BEARER,
 *             rateLimit: standard, exchange: corp }
 * </pre>
 */
public class TollgateGatewayFilterFactory extends AbstractGatewayFilterFactory<TollgateConfig> {

	/** Where the first stage ran before: ahead of every other route filter. */
	public static final int ORDER = PipelineOrder.STRIP;

	private final StripHeadersGatewayFilterFactory strip;

	private final AuthenticateGatewayFilterFactory authenticate;

	private final AuthorizeGatewayFilterFactory authorize;

	private final ClientRateLimitGatewayFilterFactory rateLimit;

	private final UpstreamTokenGatewayFilterFactory upstreamToken;

	private final ErrorResponder responder;

	private final DecisionSpans spans;

	private McpStages mcp;

	/** Each route's binding stage (sender-constrained tokens); {@code null}: none (no cnf checks). */
	private final BindingStages binding;

	private final PolicyStages policies;

	public TollgateGatewayFilterFactory(StripHeadersGatewayFilterFactory strip,
			AuthenticateGatewayFilterFactory authenticate, AuthorizeGatewayFilterFactory authorize,
			ClientRateLimitGatewayFilterFactory rateLimit, UpstreamTokenGatewayFilterFactory upstreamToken,
			ErrorResponder responder) {
		this(strip, authenticate, authorize, rateLimit, upstreamToken, responder, null, null, null);
	}

	/**
	 * @param binding each route's binding stage (sender-constrained tokens), or {@code null}: none (no cnf checks)
	 * @param policies builds the CEL policy stage of routes that declare a policy; {@code null}: none may
	 * @param spans the decision's spans when tracing is on, else {@code null} (nothing is traced per request)
	 */
	public TollgateGatewayFilterFactory(StripHeadersGatewayFilterFactory strip,
			AuthenticateGatewayFilterFactory authenticate, AuthorizeGatewayFilterFactory authorize,
			ClientRateLimitGatewayFilterFactory rateLimit, UpstreamTokenGatewayFilterFactory upstreamToken,
			ErrorResponder responder, BindingStages binding, PolicyStages policies, DecisionSpans spans) {
		super(TollgateConfig.class);
		this.binding = binding;
		this.policies = policies;
		this.spans = spans;
		this.strip = strip;
		this.authenticate = authenticate;
		this.authorize = authorize;
		this.rateLimit = rateLimit;
		this.upstreamToken = upstreamToken;
		this.responder = responder;
	}

	@Override
	public String name() {
		return "Tollgate";
	}

	/** Adds the {@code mcp} stage to the routes that front an MCP server (after the route's rate limit). */
	public TollgateGatewayFilterFactory mcp(McpStages mcp) {
		this.mcp = mcp;
		return this;
	}

	@Override
	public GatewayFilter apply(TollgateConfig config) {
		RoutePolicy policy = config.toPolicy(this.authenticate);
		List<Stage> stages = traced(stages(policy), policy.routeId());
		DecisionSpans spans = this.spans;
		Pipeline pipeline = new Pipeline(stages, this.responder, true);
		RouteSecurity security = policy.security();
		String routeId = policy.routeId();
		boolean forward = policy.forwardCredentials();
		String dpopChallenge = (this.binding != null && policy.authenticates())
				? this.binding.challenge(policy.binding()) : null;
		GatewayFilter filter = new GatewayFilter() {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				exchange.getAttributes().put(AuditTrail.STARTED, System.nanoTime());
				DecisionRecorder.correlationId(exchange);
				if (forward) {
					exchange.getAttributes().put(TollgateAttributes.FORWARD_CREDENTIALS, Boolean.TRUE);
				}
				if (dpopChallenge != null) {
					exchange.getAttributes().put(TollgateAttributes.DPOP_CHALLENGE, dpopChallenge);
				}
				if (spans != null) {
					return spans.decide(exchange, routeId, chain,
							(onward) -> pipeline.run(new Pass(exchange, security, routeId), onward));
				}
				return pipeline.run(new Pass(exchange, security, routeId), chain);
			}

			@Override
			public String toString() {
				return "Tollgate" + pipeline.stageNames() + policy;
			}
		};
		return new OrderedGatewayFilter(filter, ORDER);
	}

	private List<Stage> traced(List<Stage> stages, String routeId) {
		if (this.spans == null) {
			return stages;
		}
		return stages.stream().map((stage) -> this.spans.traced(stage, routeId)).toList();
	}

	/** The route's stages in pipeline order; stages a route does not use are left out, not skipped per request. */
	List<Stage> stages(RoutePolicy policy) {
		List<Stage> stages = new ArrayList<>(5);
		Stage stripStage = this.strip.stage(policy.stripHeaders());
		if (stripStage != null) {
			stages.add(stripStage);
		}
		// Built first: an MCP route that authenticates nobody fails here rather than run without its stage.
		Stage mcpStage = (this.mcp != null) ? this.mcp.stage(policy) : null;
		if (!policy.authenticates()) {
			return stages;
		}
		stages.add(this.authenticate.stage());
		if (this.binding != null) {
			stages.add(this.binding.stage(policy.binding()));
		}
		stages.add(this.authorize.stage(List.of()));
		if (policy.authorization() != null) {
			if (this.policies == null) {
				throw new IllegalArgumentException("route '" + policy.routeId() + "': a policy needs the policy "
						+ "stage, which is not configured");
			}
			stages.add(this.policies.stage(policy.routeId(), policy.authorization()));
		}
		if (policy.rateLimit() != null) {
			if (this.rateLimit == null) {
				throw new IllegalArgumentException("route '" + policy.routeId() + "': rate-limit '"
						+ policy.rateLimit().policy() + "' needs the rate-limit stage, which is not configured");
			}
			stages.add(this.rateLimit.stage(policy.routeId(), policy.rateLimit().policy(), policy.rateLimit().cost()));
		}
		if (mcpStage != null) {
			stages.add(mcpStage);
		}
		stages.add(this.upstreamToken.stage(UpstreamTokenGatewayFilterFactory.Config.of(policy.routeId(),
				policy.upstreamToken())));
		return stages;
	}

}
