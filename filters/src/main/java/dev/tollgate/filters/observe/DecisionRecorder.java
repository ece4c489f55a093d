package dev.tollgate.filters.observe;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.TollgateAttributes;
import dev.tollgate.logs.LogSummary;
import dev.tollgate.logs.LogText;

/**
 * Every pipeline decision goes through here: one Micrometer counter ({@code tollgate.decisions}, tagged stage,
 * outcome, reason and route, never a client id or a secret) and one structured log line carrying the correlation id.
 * Refusals at the edge (malformed or refused requests, which a caller can send in floods) are not logged one by one
 * but through a {@link LogSummary}; their counter still counts each. The client id is {@link LogText escaped}.
 */
public final class DecisionRecorder {

	/** Response and request header carrying the correlation id. */
	public static final String CORRELATION_HEADER = "X-Correlation-Id";

	private static final Logger log = LoggerFactory.getLogger("tollgate.decisions");

	private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	/** Stage of the decisions taken before routing; its refusals are summarised. */
	static final String EDGE = "edge";

	private final MeterCache<Tags, Counter> counters;

	private final LogSummary edgeRefusals;

	private final AuditTrail audit;

	/** A recorder that logs every decision, edge refusals included (tests, plain use). */
	public DecisionRecorder(MeterRegistry registry) {
		this(registry, null);
	}

	/** @param edgeRefusals where edge refusals are logged, summarised; {@code null} logs each */
	public DecisionRecorder(MeterRegistry registry, LogSummary edgeRefusals) {
		this(registry, edgeRefusals, null);
	}

	/**
	 * @param edgeRefusals where edge refusals are logged, summarised; {@code null} logs each
	 * @param audit where each request's final decision goes ({@link #concluded}); {@code null}: nowhere
	 */
	public DecisionRecorder(MeterRegistry registry, LogSummary edgeRefusals, AuditTrail audit) {
		this.edgeRefusals = edgeRefusals;
		this.audit = audit;
		this.counters = new MeterCache<>((t) -> Counter.builder("tollgate.decisions")
			.description("Gateway pipeline decisions")
			.tag("route", t.route)
			.tag("stage", t.stage)
			.tag("outcome", t.outcome)
			.tag("reason", t.reason)
			.register(registry));
	}

	/**
	 * Record one decision.
	 * @param stage pipeline stage, e.g. {@code authenticate}
	 * @param outcome e.g. {@code allowed}, {@code rejected}, {@code failed}, {@code fallback}
	 * @param reason bounded reason tag, e.g. {@code expired}
	 */
	public void record(ServerWebExchange exchange, String routeId, String stage, String outcome, String reason) {
		counter(routeId, stage, outcome, reason).increment();
		if (this.edgeRefusals != null && EDGE.equals(stage) && "rejected".equals(outcome)) {
			this.edgeRefusals.record(reason, (line) -> line.addKeyValue("correlation_id", correlationId(exchange))
				.addKeyValue("method", LogText.escape(exchange.getRequest().getMethod().name()))
				.addKeyValue("path", LogText.escape(exchange.getRequest().getURI().getRawPath())));
			return;
		}
		Level level = "allowed".equals(outcome) ? Level.DEBUG : Level.INFO;
		if (!log.isEnabledForLevel(level)) {
			return;
		}
		CallerIdentity caller = exchange.getAttribute(TollgateAttributes.CALLER_IDENTITY);
		String traceId = exchange.getAttribute(TollgateAttributes.TRACE_ID);
		log.atLevel(level)
			.addKeyValue("correlation_id", correlationId(exchange))
			.addKeyValue("trace_id", (traceId != null) ? traceId : "-")
			.addKeyValue("route", routeId)
			.addKeyValue("stage", stage)
			.addKeyValue("outcome", outcome)
			.addKeyValue("reason", reason)
			.addKeyValue("client_id", (caller != null) ? LogText.escape(caller.clientId()) : "-")
			.addKeyValue("credential", (caller != null) ? caller.kind().tag() : "-")
			.log("decision");
	}

	/**
	 * A routed request's final decision, once: handed upstream ({@code allowed}) or refused. Goes to the audit
	 * trail; the stage decisions leading to it were {@link #record recorded} one by one.
	 * @param status the status answered, or 0 when the request went upstream
	 */
	public void concluded(ServerWebExchange exchange, String routeId, String stage, String outcome, String reason,
			int status) {
		if (this.audit != null) {
			this.audit.decision(exchange, routeId, stage, outcome, reason, status);
		}
	}

	private Counter counter(String routeId, String stage, String outcome, String reason) {
		return this.counters.get(new Tags(routeId, stage, outcome, reason));
	}

	private record Tags(String route, String stage, String outcome, String reason) {
	}

	/**
	 * The request's correlation id: the caller's {@code X-Correlation-Id} when it is a short safe token, else a new
	 * random one. Computed once per exchange.
	 */
	public static String correlationId(ServerWebExchange exchange) {
		String id = exchange.getAttribute(TollgateAttributes.CORRELATION_ID);
		if (id == null) {
			String offered = exchange.getRequest().getHeaders().getFirst(CORRELATION_HEADER);
			id = (offered != null && SAFE_ID.matcher(offered).matches()) ? offered : newId();
			exchange.getAttributes().put(TollgateAttributes.CORRELATION_ID, id);
			exchange.getResponse().getHeaders().set(CORRELATION_HEADER, id);
		}
		return id;
	}

	/**
	 * A random version-4 UUID from {@link ThreadLocalRandom}: a correlation id only has to be unique, not
	 * unguessable, and {@link UUID#randomUUID()} takes a lock on the shared {@code SecureRandom} per request.
	 */
	static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

}
