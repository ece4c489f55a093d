package dev.tollgate.apikeys.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.usage.ClientTraffic;
import dev.tollgate.apikeys.usage.UsageStore;

/**
 * Builds the {@link MigrationReport} from key records and usage counts. A key can go when it has not been used for
 * the period (counting from its creation when never used) and its client called only with OAuth during it.
 */
public final class MigrationReportBuilder {

	private final ApiKeyStore keys;

	private final UsageStore usage;

	private final Clock clock;

	public MigrationReportBuilder(ApiKeyStore keys, UsageStore usage, Clock clock) {
		this.keys = keys;
		this.usage = usage;
		this.clock = clock;
	}

	/** @param days the period in days (at least 1) */
	public CompletionStage<MigrationReport> build(int days) {
		if (days < 1) {
			throw new IllegalArgumentException("the report period is at least one day");
		}
		Instant now = this.clock.instant();
		LocalDate to = LocalDate.ofInstant(now, ZoneOffset.UTC);
		LocalDate from = to.minusDays(days - 1L);
		return this.keys.list().thenCompose(records -> {
			Map<String, List<ApiKeyRecord>> byClient = records.stream()
				.collect(Collectors.groupingBy(ApiKeyRecord::clientId, TreeMap::new, Collectors.toList()));
			List<CompletableFuture<ClientRow>> rows = new ArrayList<>();
			byClient.forEach((clientId, clientKeys) -> rows.add(this.usage.clientTraffic(clientId, from, to)
				.thenApply(traffic -> row(clientKeys, traffic, now, days))
				.toCompletableFuture()));
			return CompletableFuture.allOf(rows.toArray(CompletableFuture[]::new))
				.thenApply(v -> new MigrationReport(now, days, rows.stream()
					.map(CompletableFuture::join)
					.sorted(Comparator.comparingDouble(ClientRow::keyShare).reversed()
						.thenComparing(ClientRow::clientId))
					.toList()));
		});
	}

	private static ClientRow row(List<ApiKeyRecord> keys, ClientTraffic traffic, Instant now, int days) {
		Instant unusedSince = now.minus(days, ChronoUnit.DAYS);
		List<ApiKeyRecord> working = keys.stream().filter(k -> k.usableAt(now)).toList();
		Phase phase = working.stream().map(ApiKeyRecord::phase).reduce(Phase::stricter).orElse(null);
		Instant sunset = working.stream().map(ApiKeyRecord::sunset).filter(Objects::nonNull).min(Instant::compareTo)
			.orElse(null);
		Instant lastUse = keys.stream().map(ApiKeyRecord::lastUsed).filter(Objects::nonNull).max(Instant::compareTo)
			.orElse(null);
		List<String> canGo = traffic.fullyOnOAuth() ? keys.stream()
			.filter(k -> !((k.lastUsed() != null) ? k.lastUsed() : k.created()).isAfter(unusedSince))
			.map(ApiKeyRecord::keyId)
			.sorted()
			.toList() : List.of();
		String owners = keys.stream().map(ApiKeyRecord::owner).filter(o -> !o.isBlank())
			.collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", "));
		return new ClientRow(traffic.clientId(), owners, working.size(), traffic.keyCalls(), traffic.oauthCalls(),
				lastUse, phase, sunset, canGo);
	}

}
