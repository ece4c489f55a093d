package dev.tollgate.filters.observe;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.PolicyOutcome;
import dev.tollgate.filters.core.TollgateAttributes;
import dev.tollgate.logs.LogText;

/**
 * The audit trail: one event per request decision on logger {@value #LOGGER}, schema {@value #SCHEMA}
 * (docs/audit.md), written once the pipeline has decided: when the request is handed to the upstream or when the
 * refusal is answered. Fields are SLF4J key-values, so Spring Boot's structured logging
 * ({@code logging.structured.format.console=ecs} or {@code logstash}) writes each event as one JSON line. Never a
 * token, key, secret or claim; caller-controlled text is {@linkplain LogText escaped}. Absent values are left out.
 * Refusals before routing (the edge firewall) are not audited one by one: they are counted and summarised in
 * {@code tollgate.decisions}.
 */
public final class AuditTrail {

	/** The audit logger, shared with the admin and token-exchange events. */
	public static final String LOGGER = "tollgate.audit";

	/** Schema name and version of every event on {@link #LOGGER}. */
	public static final String SCHEMA = "tollgate.audit/1";

	/** Exchange attribute: {@code System.nanoTime()} when the gateway took the request up, for its own latency. */
	public static final String STARTED = "tollgate.startedNanos";

	private static final String AUDITED = "tollgate.audited";

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

	private final Clock clock;

	public AuditTrail(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The request's decision; only the first call per request writes an event.
	 * @param stage the stage that refused, or the last stage for a request handed upstream
	 * @param outcome {@code allowed}, {@code rejected} or {@code failed}
	 * @param reason the bounded reason ({@code forwarded} for an allowed request)
	 * @param status the status answered, or 0 when the request went upstream
	 */
	public void decision(ServerWebExchange exchange, String routeId, String stage, String outcome, String reason,
			int status) {
		if (!log.isInfoEnabled() || exchange.getAttributes().putIfAbsent(AUDITED, Boolean.TRUE) != null) {
			return;
		}
		ServerHttpRequest request = exchange.getRequest();
		LoggingEventBuilder event = log.atInfo()
			.addKeyValue("schema", SCHEMA)
			.addKeyValue("event", "decision")
			.addKeyValue("time", this.clock.instant().toString())
			.addKeyValue("correlation_id", DecisionRecorder.correlationId(exchange));
		String traceId = traceId(exchange);
		if (traceId != null) {
			event.addKeyValue("trace_id", traceId);
		}
		event.addKeyValue("route", routeId)
			.addKeyValue("stage", stage)
			.addKeyValue("outcome", outcome)
			.addKeyValue("reason", reason);
		if (status > 0) {
			event.addKeyValue("status", status);
		}
		event.addKeyValue("method", request.getMethod().name())
			.addKeyValue("path", LogText.escape(request.getPath().value()));
		Map<String, String> pathVariables = ServerWebExchangeUtils.getUriTemplateVariables(exchange);
		if (pathVariables != null && !pathVariables.isEmpty()) {
			Map<String, String> escaped = new java.util.TreeMap<>();
			pathVariables.forEach((name, value) -> escaped.put(LogText.escape(name), LogText.escape(value)));
			event.addKeyValue("path_vars", escaped);
		}
		caller(event, exchange.getAttribute(TollgateAttributes.CALLER_IDENTITY));
		PolicyOutcome policy = exchange.getAttribute(PolicyOutcome.ATTRIBUTE);
		if (policy != null) {
			event.addKeyValue("policy", policy.policy())
				.addKeyValue("policy_mode", policy.mode())
				.addKeyValue("policy_result", policy.result())
				.addKeyValue("policy_cause", policy.cause());
		}
		String upstreamToken = exchange.getAttribute(TollgateAttributes.UPSTREAM_TOKEN);
		if (upstreamToken != null) {
			event.addKeyValue("upstream_token", upstreamToken);
		}
		Long started = exchange.getAttribute(STARTED);
		if (started != null) {
			event.addKeyValue("latency_us", TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started));
		}
		event.log("decision");
	}

	private static void caller(LoggingEventBuilder event, CallerIdentity caller) {
		if (caller == null) {
			return;
		}
		event.addKeyValue("client_id", LogText.escape(caller.clientId()))
			.addKeyValue("subject", LogText.escape(caller.subject()))
			.addKeyValue("credential", caller.kind().tag());
		if (caller.keyId() != null) {
			event.addKeyValue("key_id", LogText.escape(caller.keyId()));
		}
		if (caller.issuer() != null) {
			event.addKeyValue("issuer", caller.issuer());
		}
		ArrayList<String> scopes = new ArrayList<>(caller.scopes());
		scopes.sort(null);
		event.addKeyValue("scopes", LogText.escape(String.join(" ", scopes)));
	}

	/**
	 * The decision span's trace id when tracing is on ({@link TollgateAttributes#TRACE_ID}), else the W3C trace id
	 * the request arrived with ({@code traceparent}, version 00), or {@code null}.
	 */
	private static String traceId(ServerWebExchange exchange) {
		String traced = exchange.getAttribute(TollgateAttributes.TRACE_ID);
		if (traced != null) {
			return traced;
		}
		String traceparent = exchange.getRequest().getHeaders().getFirst("traceparent");
		if (traceparent == null) {
			return null;
		}
		var matcher = TRACEPARENT.matcher(traceparent.trim());
		return (matcher.matches() && !matcher.group(1).equals("0".repeat(32))) ? matcher.group(1) : null;
	}

}
