package dev.tollgate.apikeys.usage;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Usage of a single instance, in memory (demo and tests). */
public final class InMemoryUsageStore implements UsageStore {

	private final Map<UsageCell, Long> counts = new ConcurrentHashMap<>();

	@Override
	public CompletionStage<Void> add(Map<UsageCell, Long> batch) {
		batch.forEach((cell, n) -> this.counts.merge(cell, n, Long::sum));
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public CompletionStage<Map<LocalDate, Map<String, Long>>> keyCalls(String keyId, LocalDate from, LocalDate to) {
		Map<LocalDate, Map<String, Long>> out = new TreeMap<>();
		this.counts.forEach((cell, n) -> {
			if (keyId.equals(cell.keyId()) && within(cell.day(), from, to)) {
				out.computeIfAbsent(cell.day(), d -> new TreeMap<>()).merge(cell.routeId(), n, Long::sum);
			}
		});
		return CompletableFuture.completedFuture(out);
	}

	@Override
	public CompletionStage<ClientTraffic> clientTraffic(String clientId, LocalDate from, LocalDate to) {
		long[] byKind = new long[2];
		this.counts.forEach((cell, n) -> {
			if (clientId.equals(cell.clientId()) && within(cell.day(), from, to)) {
				byKind[cell.kind().ordinal()] += n;
			}
		});
		return CompletableFuture.completedFuture(new ClientTraffic(clientId,
				byKind[UsageCell.CallKind.API_KEY.ordinal()], byKind[UsageCell.CallKind.OAUTH.ordinal()]));
	}

	private static boolean within(LocalDate day, LocalDate from, LocalDate to) {
		return !day.isBefore(from) && !day.isAfter(to);
	}

}
