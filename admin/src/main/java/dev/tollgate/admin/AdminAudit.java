package dev.tollgate.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.lifecycle.IssuedKey;
import dev.tollgate.apikeys.transfer.LegacyKeyImport;
import dev.tollgate.filters.observe.AuditTrail;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.logs.LogText;

/**
 * The management plane's share of the audit trail: logger {@code tollgate.audit}, schema {@code tollgate.audit/1}
 * ({@link AuditTrail}, docs/audit.md), as structured key-values, each event with {@code schema} and {@code time}:
 * <ul>
 * <li>{@code admin_action} (INFO), one per {@link ApiKeysEndpoint} operation, reads included: {@code action},
 * {@code outcome} ({@code success}, {@code refused} for a 4xx, {@code failed} for a 5xx), {@code status},
 * {@code key_id} (and {@code new_key_id} for a rotation), {@code client_id}, {@code admin} (the token's non-secret
 * {@link AdminToken#principal() name}), {@code peer}, {@code correlation_id};</li>
 * <li>{@code admin_refused} (WARN), requests the management chain turned away, summarised: the first refusal after a
 * quiet minute is logged at once, later ones within the minute are counted into the next line ({@code count}).
 * Every refusal is counted in {@code tollgate.admin.refused{reason}} regardless.</li>
 * </ul>
 * Never a key, a hash or the admin token. Caller-controlled values are {@linkplain LogText escaped}.
 */
public final class AdminAudit {

	/** The audit logger's name, shared with the token-exchange audit. */
	public static final String LOGGER = AuditTrail.LOGGER;

	static final Duration REFUSAL_SUMMARY_INTERVAL = Duration.ofMinutes(1);

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	/** The {@code action} tag values; anything else a caller sends is tagged {@code unknown}. */
	private static final Set<String> ACTIONS = Set.of("list", "show", "report", "issue", "import", "rotate", "revoke",
			"expire", "phase");

	private final MeterRegistry registry;

	private final Clock clock;

	private final AtomicLong refusedSinceLine = new AtomicLong();

	private final AtomicLong nextRefusalLineAt = new AtomicLong(Long.MIN_VALUE);

	public AdminAudit(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	/**
	 * One admin operation and its outcome.
	 * @param keyId the key the caller named, or {@code null}
	 * @param clientId the client the caller named, or {@code null}
	 * @param result what the operation returned, or {@code null} when it failed; key ids, client ids and counts are
	 * taken from it, never the key
	 */
	void action(AdminRequest request, String action, String keyId, String clientId, Object result, int status) {
		String outcome = (status < 400) ? "success" : (status < 500) ? "refused" : "failed";
		this.registry.counter("tollgate.admin.actions", "action", ACTIONS.contains(action) ? action : "unknown",
				"outcome", outcome).increment();
		LoggingEventBuilder line = log.atInfo()
			.addKeyValue("schema", AuditTrail.SCHEMA)
			.addKeyValue("event", "admin_action")
			.addKeyValue("time", this.clock.instant().toString())
			.addKeyValue("action", LogText.escape(action))
			.addKeyValue("outcome", outcome)
			.addKeyValue("status", status);
		String key = keyId;
		String client = clientId;
		if (result instanceof IssuedKey issued) {
			if (key == null) {
				key = issued.record().keyId();
			}
			else {
				line.addKeyValue("new_key_id", LogText.escape(issued.record().keyId()));
			}
			client = issued.record().clientId();
		}
		else if (result instanceof ApiKeyRecord record) {
			client = record.clientId();
		}
		else if (result instanceof Map<?, ?> view && view.get("client_id") instanceof String viewClient) {
			client = viewClient;
		}
		else if (result instanceof Collection<?> list) {
			line.addKeyValue("count", list.size());
		}
		else if (result instanceof LegacyKeyImport.Result imported) {
			line.addKeyValue("imported", imported.imported().size())
				.addKeyValue("skipped", imported.skipped().size())
				.addKeyValue("imported_key_ids", LogText.escape(String.join(" ", imported.imported())));
		}
		line.addKeyValue("key_id", LogText.escape(key))
			.addKeyValue("client_id", LogText.escape(client))
			.addKeyValue("admin", request.admin())
			.addKeyValue("peer", LogText.escape(request.peer()))
			.addKeyValue("correlation_id", request.correlationId())
			.log("admin_action");
	}

	/**
	 * A request the management chain refused.
	 * @param reason bounded: {@code missing}, {@code invalid}, {@code malformed}, {@code no_admin_token}
	 */
	void refused(ServerWebExchange exchange, String reason) {
		this.registry.counter("tollgate.admin.refused", "reason", reason).increment();
		this.refusedSinceLine.incrementAndGet();
		long now = this.clock.millis();
		long next = this.nextRefusalLineAt.get();
		if (now < next || !this.nextRefusalLineAt.compareAndSet(next, now + REFUSAL_SUMMARY_INTERVAL.toMillis())) {
			return;
		}
		log.atWarn()
			.addKeyValue("schema", AuditTrail.SCHEMA)
			.addKeyValue("event", "admin_refused")
			.addKeyValue("time", this.clock.instant().toString())
			.addKeyValue("count", this.refusedSinceLine.getAndSet(0))
			.addKeyValue("reason", reason)
			.addKeyValue("method", LogText.escape(exchange.getRequest().getMethod().name()))
			.addKeyValue("path", LogText.escape(exchange.getRequest().getPath().value()))
			.addKeyValue("peer", LogText.escape(AdminRequest.peer(exchange)))
			.addKeyValue("correlation_id", DecisionRecorder.correlationId(exchange))
			.log("admin_refused");
	}

}
