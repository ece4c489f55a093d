package dev.tollgate.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.lifecycle.ApiKeyLifecycle;
import dev.tollgate.apikeys.lifecycle.IssueRequest;
import dev.tollgate.apikeys.lifecycle.IssuedKey;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.report.MigrationReportBuilder;
import dev.tollgate.apikeys.report.ReportRenderer;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.transfer.KeyExport;
import dev.tollgate.apikeys.transfer.LegacyKeyImport;
import dev.tollgate.apikeys.usage.UsageStore;

/**
 * What an operator can do with keys, shared by the actuator endpoint and the command line so both behave alike.
 * Views never contain a key or its hash; only {@link #issue} and {@link #rotate} return a key, once.
 */
public final class ApiKeyAdmin {

	private final ApiKeyLifecycle lifecycle;

	private final ApiKeyStore store;

	private final UsageStore usage;

	private final Clock clock;

	private final LegacyKeyImport importer = new LegacyKeyImport(new ApiKeyFormat());

	public ApiKeyAdmin(ApiKeyLifecycle lifecycle, ApiKeyStore store, UsageStore usage, Clock clock) {
		this.lifecycle = lifecycle;
		this.store = store;
		this.usage = usage;
		this.clock = clock;
	}

	public CompletionStage<List<Map<String, Object>>> list() {
		Instant now = this.clock.instant();
		return this.store.list().thenApply(records -> records.stream()
			.sorted(Comparator.comparing(ApiKeyRecord::clientId).thenComparing(ApiKeyRecord::created))
			.map(r -> view(r, now))
			.toList());
	}

	/** One key with its calls per day and route over the last {@code days} days. */
	public CompletionStage<Map<String, Object>> show(String keyId, int days) {
		LocalDate to = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		return this.lifecycle.find(keyId).thenCompose(r -> this.usage.keyCalls(keyId, to.minusDays(days - 1L), to)
			.thenApply(calls -> {
				Map<String, Object> view = view(r, this.clock.instant());
				Map<String, Object> perDay = new LinkedHashMap<>();
				calls.forEach((day, routes) -> perDay.put(day.toString(), routes));
				view.put("calls", perDay);
				return view;
			}));
	}

	public CompletionStage<IssuedKey> issue(IssueRequest request) {
		return this.lifecycle.issue(request);
	}

	public CompletionStage<IssuedKey> rotate(String keyId, Duration overlap) {
		return this.lifecycle.rotate(keyId, overlap);
	}

	public CompletionStage<ApiKeyRecord> revoke(String keyId) {
		return this.lifecycle.revoke(keyId);
	}

	public CompletionStage<ApiKeyRecord> expire(String keyId) {
		return this.lifecycle.expire(keyId);
	}

	public CompletionStage<ApiKeyRecord> phase(String keyId, Phase phase, Instant sunset) {
		return this.lifecycle.setPhase(keyId, phase, sunset);
	}

	/** Imports a legacy CSV/JSON list or a Tollgate export; existing ids and hashes are skipped, not overwritten. */
	public CompletionStage<LegacyKeyImport.Result> importKeys(String content) {
		List<ApiKeyRecord> records = this.importer.parse(content, this.clock.instant());
		return LegacyKeyImport.importInto(this.store, records);
	}

	/** A backup of every record (hashes included: keep it as safe as the store). */
	public CompletionStage<String> export() {
		return this.store.list().thenApply(records -> KeyExport.write(records, this.clock.instant()));
	}

	public CompletionStage<String> report(ReportRenderer.Format format, int days) {
		return new MigrationReportBuilder(this.store, this.usage, this.clock).build(days)
			.thenApply(report -> ReportRenderer.render(report, format));
	}

	/** A record as operators see it: everything but the hash. */
	public static Map<String, Object> view(ApiKeyRecord r, Instant now) {
		Map<String, Object> v = new LinkedHashMap<>();
		v.put("key_id", r.keyId());
		v.put("client_id", r.clientId());
		v.put("owner", r.owner());
		v.put("state", r.stateAt(now));
		v.put("phase", r.phase().tag());
		v.put("sunset", text(r.sunset()));
		v.put("scopes", new ArrayList<>(new TreeSet<>(r.scopes())));
		v.put("routes", new ArrayList<>(new TreeSet<>(r.routes())));
		v.put("created", text(r.created()));
		v.put("expires", text(r.expires()));
		v.put("last_used", text(r.lastUsed()));
		v.put("replaced_by", r.replacedBy());
		v.put("notes", r.notes());
		v.put("labels", new java.util.TreeMap<>(r.labels()));
		return v;
	}

	/** The answer to an issue or rotation: the key, shown this once. */
	public static Map<String, Object> issued(IssuedKey issued, Instant now) {
		Map<String, Object> v = new LinkedHashMap<>();
		v.put("key", issued.key());
		v.put("notice", "This key is shown once and cannot be recovered; store it now.");
		v.putAll(view(issued.record(), now));
		return v;
	}

	private static String text(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
