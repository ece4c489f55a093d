package dev.tollgate.apikeys.usage;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Where call counts accumulate. Written in batches by {@link UsageRecorder}, read by reports. */
public interface UsageStore {

	/** Adds the counts (each cell's count to its counters). */
	CompletionStage<Void> add(Map<UsageCell, Long> counts);

	/** Calls made with {@code keyId}, per UTC day and route, days {@code from} to {@code to} inclusive. */
	CompletionStage<Map<LocalDate, Map<String, Long>>> keyCalls(String keyId, LocalDate from, LocalDate to);

	/** {@code clientId}'s calls by kind, days {@code from} to {@code to} inclusive. */
	CompletionStage<ClientTraffic> clientTraffic(String clientId, LocalDate from, LocalDate to);

}
