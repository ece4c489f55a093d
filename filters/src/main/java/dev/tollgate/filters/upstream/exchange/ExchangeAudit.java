package dev.tollgate.filters.upstream.exchange;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import dev.tollgate.filters.core.Rejection;
import dev.tollgate.filters.observe.AuditTrail;
import dev.tollgate.logs.LogText;

/**
 * One structured audit event per exchange on logger {@code tollgate.audit} (message {@code token_exchange}):
 * route, profile, client, subject, target audience/resource, scopes, cache state, outcome, reason, latency. No token
 * value ever. Cache hits log at DEBUG (they are most requests), everything that reached or was refused by the STS at
 * INFO; a metric is recorded for every event regardless of level.
 */
final class ExchangeAudit {

	private static final Logger log = LoggerFactory.getLogger(AuditTrail.LOGGER);

	private final ExchangeMetrics metrics;

	ExchangeAudit(ExchangeMetrics metrics) {
		this.metrics = metrics;
	}

	void issued(ExchangeRequest request, CacheState cache, long startNanos) {
		record(request, cache, "issued", "none", startNanos);
	}

	void rejected(ExchangeRequest request, CacheState cache, Rejection rejection, long startNanos) {
		String outcome = (rejection.status().is4xxClientError()) ? "refused" : "failed";
		record(request, cache, outcome, rejection.reason(), startNanos);
	}

	private void record(ExchangeRequest request, CacheState cache, String outcome, String reason, long startNanos) {
		this.metrics.request(request.route(), request.profile(), cache, outcome, reason);
		Level level = (cache == CacheState.HIT) ? Level.DEBUG : Level.INFO;
		if (!log.isEnabledForLevel(level)) {
			return;
		}
		log.atLevel(level)
			.addKeyValue("schema", AuditTrail.SCHEMA)
			.addKeyValue("event", "token_exchange")
			.addKeyValue("route", request.route())
			.addKeyValue("profile", request.profile())
			.addKeyValue("client_id", LogText.escape(request.caller().clientId()))
			.addKeyValue("subject", LogText.escape(request.caller().subject()))
			.addKeyValue("audience", LogText.escape(request.audience()))
			.addKeyValue("resource", LogText.escape(request.resource()))
			.addKeyValue("scopes", LogText.escape(request.scopeParameter()))
			.addKeyValue("cache", cache.tag)
			.addKeyValue("outcome", outcome)
			.addKeyValue("reason", reason)
			.addKeyValue("latency_us", TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos))
			.log("token_exchange");
	}

}
