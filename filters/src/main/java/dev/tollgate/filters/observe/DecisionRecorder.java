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

import dev.tollgate.filters.TollgateAttributes;
import dev.tollgate.filters.authn.CallerIdentity;

/**
 * Every pipeline decision goes through here: one Micrometer counter ({@code tollgate.decisions}, tagged stage,
 * outcome, reason and route, never a client id or a secret) and one structured log line carrying the correlation id.
 */
public final class DecisionRecorder {

	/** Response and request header carrying the correlation id. */
	public static final String CORRELATION_HEADER = "X-Correlation-Id";

	private static final Logger log = LoggerFactory.getLogger("tollgate.decisions");

	private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private final MeterCache<Tags, Counter> counters;

	public DecisionRecorder(MeterRegistry registry) {
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
		Level level = "allowed".equals(outcome) ? Level.DEBUG : Level.INFO;
		if (!log.isEnabledForLevel(level)) {
			return;
		}
		CallerIdentity caller = exchange.getAttribute(TollgateAttributes.CALLER_IDENTITY);
		log.atLevel(level)
			.addKeyValue("correlation_id", correlationId(exchange))
			.addKeyValue("route", routeId)
			.addKeyValue("stage", stage)
			.addKeyValue("outcome", outcome)
			.addKeyValue("reason", reason)
			.addKeyValue("client_id", (caller != null) ? caller.clientId() : "-")
			.addKeyValue("credential", (caller != null) ? caller.kind().tag() : "-")
			.log("decision");
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
