package dev.tollgate.apikeys.report;

import java.time.Instant;
import java.util.List;

/**
 * Who still uses API keys.
 *
 * @param generatedAt when the report was made
 * @param days the period, in days up to {@code generatedAt}, for traffic shares and for "unused"
 * @param clients one row per client that holds or held a key, sorted by key share (highest first) then client
 */
public record MigrationReport(Instant generatedAt, int days, List<ClientRow> clients) {

	public MigrationReport {
		clients = List.copyOf(clients);
	}

}
