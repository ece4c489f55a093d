package dev.tollgate.filters.mcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.DependencyFailure;
import dev.tollgate.filters.core.JsonRpcError;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.Rejection;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.mcp.session.McpSessionStore;
import dev.tollgate.filters.mcp.session.SessionKeys;
import dev.tollgate.filters.policy.PolicyVerdict;
import dev.tollgate.filters.policy.ToolPolicies;

/**
 * The {@code mcp} stage of an MCP route, after authenticate, authorize and the route's rate limit: reads the
 * JSON-RPC body (bounded in size and depth; never forwarded when malformed), checks the {@code Mcp-Session-Id}
 * binding, authorizes every {@code tools/call} by its tool's rule, spends per-tool rate limits, and sends the
 * request on with the same body. Answers to {@code tools/list} are filtered on the way back
 * ({@link ToolsListResponse}); the session id an {@code initialize} answer carries is bound to the caller before the
 * answer is sent.
 */
public final class McpStage implements Stage {

	/** Stage name in decisions, metrics and logs. */
	public static final String NAME = "mcp";

	/** The Streamable HTTP transport's session header. */
	public static final String SESSION_HEADER = "Mcp-Session-Id";

	private final String routeId;

	private final McpSettings settings;

	private final ToolRules rules;

	private final List<String> routeScopes;

	private final JsonRpcParser parser;

	private final Map<ToolRule, ToolLimit> limits;

	private final Map<ToolRule, ToolPolicies.ToolPolicy> policies;

	private final McpSessionStore sessions;

	private final McpMetrics metrics;

	private final McpAudit audit;

	private final int maxBody;

	/**
	 * @param routeScopes the route's own scopes, named first in a tool's scope challenge
	 * @param limits the per-tool rate limits, by rule
	 * @param policies the tool rules' compiled CEL policies, by rule
	 * @param sessions where session bindings live; {@code null} when sessions are not bound
	 */
	McpStage(String routeId, McpSettings settings, List<String> routeScopes, Map<ToolRule, ToolLimit> limits,
			Map<ToolRule, ToolPolicies.ToolPolicy> policies, McpSessionStore sessions, McpMetrics metrics) {
		this.routeId = routeId;
		this.settings = settings;
		this.rules = new ToolRules(settings.tools(), settings.unknownTools(), settings.metricTools());
		this.routeScopes = List.copyOf(routeScopes);
		this.parser = new JsonRpcParser(settings.maxDepth());
		this.limits = Map.copyOf(limits);
		this.policies = Map.copyOf(policies);
		this.sessions = settings.sessions().bind() ? sessions : null;
		this.metrics = metrics;
		this.audit = new McpAudit(routeId, settings.logArgumentsHash());
		this.maxBody = (int) Math.min(Integer.MAX_VALUE, settings.maxBodySize().toBytes());
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Answer<?> apply(Pass pass) {
		CallerIdentity caller = pass.caller();
		if (caller == null) {
			throw CallerFault.missingCredential();
		}
		ServerHttpRequest request = pass.exchange().getRequest();
		String sessionId = request.getHeaders().getFirst(SESSION_HEADER);
		if (request.getMethod() != HttpMethod.POST) {
			// GET opens the server's SSE stream, DELETE ends the session: both only for the session's owner.
			if (sessionId == null || this.sessions == null) {
				return Answer.passed();
			}
			Mono<Boolean> owned = owned(pass, caller, sessionId, null);
			if (request.getMethod() == HttpMethod.DELETE) {
				owned = owned.flatMap(ok -> Mono.fromCompletionStage(() -> this.sessions.forget(this.routeId, sessionId))
					.onErrorResume(ex -> Mono.empty())
					.thenReturn(ok));
			}
			return Answer.later(owned);
		}
		return Answer.later(CachedBody.read(request, this.maxBody)
			.onErrorMap(CachedBody.TooLarge.class, ex -> tooLarge(pass))
			.flatMap(body -> onBody(pass, caller, sessionId, body)));
	}

	private Rejection tooLarge(Pass pass) {
		this.metrics.message(this.routeId, "-", "-", "malformed");
		reply(pass, new JsonRpcError(null, JsonRpcError.INVALID_REQUEST, "Request too large", 0));
		return CallerFault.contentTooLarge("mcp_body_too_large", "The JSON-RPC request body is larger than allowed.");
	}

	private Mono<Boolean> onBody(Pass pass, CallerIdentity caller, String sessionId, byte[] body) {
		JsonRpcParser.Parsed parsed;
		try {
			parsed = this.parser.parse(body);
		}
		catch (JsonRpcParser.Malformed malformed) {
			this.metrics.message(this.routeId, "-", "-", "malformed");
			reply(pass, new JsonRpcError(malformed.idJson(), malformed.code(), malformed.getMessage(), 0));
			return Mono.error(CallerFault.badRequest(malformed.reason(),
					"The request body is not a valid JSON-RPC 2.0 message or batch."));
		}
		Mono<Boolean> session = (sessionId != null && this.sessions != null)
				? owned(pass, caller, sessionId, parsed.singleId()) : Mono.just(Boolean.TRUE);
		return session.then(Mono.fromCallable(() -> authorize(pass, caller, parsed)))
			.flatMap(calls -> limit(pass, parsed, calls))
			.then(Mono.fromCallable(() -> forward(pass, caller, sessionId, parsed, body)));
	}

	/**
	 * Every tool call of the body must be permitted; the first refused one refuses the whole body. Messages are
	 * counted as allowed only when the body goes upstream ({@link #forward}), so a refused batch or a rate-limited
	 * call counts nothing as allowed.
	 */
	private List<McpMessage> authorize(Pass pass, CallerIdentity caller, JsonRpcParser.Parsed parsed) {
		List<McpMessage> calls = new ArrayList<>(1);
		for (McpMessage message : parsed.messages()) {
			if (!message.isToolCall()) {
				continue;
			}
			CallerFault refusal = refusal(pass, caller, message);
			if (refusal != null) {
				this.metrics.message(this.routeId, message.method(), toolTag(message), "denied");
				this.audit.toolCall(caller, message, refusal.reason());
				int status = (this.settings.denial() == McpSettings.Denial.JSON_RPC) ? 200 : 0;
				reply(pass, new JsonRpcError(parsed.singleId(), JsonRpcError.REFUSED, "Forbidden", status));
				throw refusal;
			}
			calls.add(message);
		}
		return calls;
	}

	/** Why the caller may not make this tool call, or {@code null} when it may. */
	private CallerFault refusal(Pass pass, CallerIdentity caller, McpMessage call) {
		String tool = call.tool();
		ToolRule rule = this.rules.rule(tool);
		if (rule == null && this.rules.deniesUnknown()) {
			return CallerFault.forbidden("mcp_tool_not_allowed", "This tool may not be called through this route.");
		}
		if (rule != null && !caller.hasAllScopes(rule.scopes())) {
			return CallerFault.insufficientScope(ToolRules.challengeScopes(this.routeScopes, rule),
					"insufficient_scope", "The credential lacks a scope this tool requires.");
		}
		ToolPolicies.ToolPolicy policy = (rule != null) ? this.policies.get(rule) : null;
		if (policy == null) {
			return null;
		}
		PolicyVerdict verdict = policy.evaluate(pass.exchange(), caller, this.routeId, Map.of(), tool,
				ToolArguments.of(call.arguments()));
		if (verdict.allowed()) {
			return null;
		}
		this.audit.toolPolicy(caller, call, policy.name(), policy.mode(), verdict.result(), verdict.cause());
		return policy.shadow() ? null : CallerFault.policyDenied(policy.name());
	}

	private String toolTag(McpMessage message) {
		return message.isToolCall() ? this.rules.metricTag(message.tool()) : "-";
	}

	/** Per-tool rate limits, one bucket per rule and client, spent one call after another. */
	private Mono<Boolean> limit(Pass pass, JsonRpcParser.Parsed parsed, List<McpMessage> calls) {
		Mono<Boolean> spent = Mono.just(Boolean.TRUE);
		for (McpMessage call : calls) {
			ToolRule rule = this.rules.rule(call.tool());
			ToolLimit limit = (rule != null) ? this.limits.get(rule) : null;
			if (limit != null) {
				spent = spent.then(Mono.defer(() -> limit.spend(pass.exchange()).doOnError(Rejection.class, refused -> {
					this.metrics.message(this.routeId, call.method(), toolTag(call), "limited");
					reply(pass, new JsonRpcError(parsed.singleId(), JsonRpcError.REFUSED, "Too many requests", 0));
				})));
			}
		}
		return spent;
	}

	private Boolean forward(Pass pass, CallerIdentity caller, String sessionId, JsonRpcParser.Parsed parsed,
			byte[] body) {
		for (McpMessage message : parsed.messages()) {
			this.metrics.message(this.routeId, message.method(), toolTag(message), "allowed");
			if (message.isToolCall()) {
				this.audit.toolCall(caller, message, "allowed");
			}
		}
		ServerWebExchange exchange = pass.exchange();
		Set<String> listIds = new LinkedHashSet<>();
		boolean initialize = false;
		for (McpMessage message : parsed.messages()) {
			if (message.is(McpMessage.TOOLS_LIST)) {
				listIds.add(message.idJson());
			}
			initialize |= message.is(McpMessage.INITIALIZE);
		}
		ServerHttpRequest request = CachedBody.replay(exchange.getRequest(), body,
				exchange.getResponse().bufferFactory(), !listIds.isEmpty());
		ServerWebExchange.Builder next = exchange.mutate().request(request);
		if (!listIds.isEmpty()) {
			ToolsListRewriter rewriter = new ToolsListRewriter(listIds, tool -> this.rules.permits(caller, tool));
			next.response(new ToolsListResponse(exchange.getResponse(), rewriter, 16 * 1024 * 1024));
		}
		ServerWebExchange outbound = next.build();
		if (initialize && sessionId == null && this.sessions != null) {
			bindOnCommit(outbound.getResponse(), SessionKeys.owner(caller));
		}
		pass.continueWith(outbound);
		return Boolean.TRUE;
	}

	/**
	 * The session id the upstream hands out is bound to the caller before the answer leaves the gateway, so the
	 * client's next request already finds the binding. If the binding cannot be stored the id is withheld: a client
	 * without a session id is better than one whose session every later request is refused.
	 */
	private void bindOnCommit(ServerHttpResponse response, String owner) {
		response.beforeCommit(() -> {
			String issued = response.getHeaders().getFirst(SESSION_HEADER);
			if (issued == null) {
				return Mono.empty();
			}
			return Mono.fromCompletionStage(
					() -> this.sessions.bind(this.routeId, issued, owner, this.settings.sessions().ttl()))
				.then()
				.onErrorResume(ex -> {
					this.metrics.message(this.routeId, McpMessage.INITIALIZE, "-", "session_bind_failed");
					this.audit.sessionBindFailed(this.sessions.name());
					response.getHeaders().remove(SESSION_HEADER);
					return Mono.empty();
				});
		});
	}

	/**
	 * Whether the session belongs to the caller. An unknown, expired or forged id and an id of another caller get
	 * the same 404 (MCP transports, session management: a server answers a session id it does not know with 404),
	 * so a guesser cannot tell which ids exist.
	 */
	private Mono<Boolean> owned(Pass pass, CallerIdentity caller, String sessionId, String idJson) {
		String owner = SessionKeys.owner(caller);
		return Mono.fromCompletionStage(() -> this.sessions.owner(this.routeId, sessionId, this.settings.sessions().ttl()))
			.onErrorMap(ex -> !(ex instanceof Rejection),
					ex -> new DependencyFailure("redis", "mcp_session_store_unavailable", Duration.ofSeconds(1)))
			.map(found -> {
				if (!found.equals(owner)) {
					this.audit.foreignSession(caller);
					throw sessionRefused(pass, idJson);
				}
				return Boolean.TRUE;
			})
			.switchIfEmpty(Mono.error(() -> sessionRefused(pass, idJson)));
	}

	private CallerFault sessionRefused(Pass pass, String idJson) {
		this.metrics.message(this.routeId, "-", "-", "session_refused");
		reply(pass, new JsonRpcError(idJson, JsonRpcError.REFUSED, "Session not found", 0));
		return CallerFault.notFound("mcp_session_not_found", "The MCP session does not exist; initialize a new one.");
	}

	private static void reply(Pass pass, JsonRpcError error) {
		pass.exchange().getAttributes().put(JsonRpcError.ATTRIBUTE, error);
	}

}
