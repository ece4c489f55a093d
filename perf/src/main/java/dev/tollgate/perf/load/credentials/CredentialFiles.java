package dev.tollgate.perf.load.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tollgate.perf.load.systems.SystemSpec.Credentials;

/**
 * The files wrk's script reads: one header line per client, the first {@code n} clients for a run with {@code n}
 * distinct clients. They hold live test credentials of this run only and stay in the work dir (under target/).
 */
public final class CredentialFiles {

	private final Path dir;

	public CredentialFiles(Path dir) {
		this.dir = dir;
	}

	/** Writes the header lines for {@code kind}, one file per client count. */
	public void write(Credentials kind, List<String> values, List<Integer> clientCounts) throws IOException {
		Files.createDirectories(this.dir);
		for (int n : clientCounts) {
			if (n > values.size()) {
				throw new IllegalArgumentException(n + " clients requested but only " + values.size() + " credentials");
			}
			List<String> lines = values.subList(0, n).stream().map(v -> headerLine(kind, v)).toList();
			Files.write(file(kind, n), lines, StandardCharsets.US_ASCII);
		}
	}

	public Path file(Credentials kind, int clients) {
		return this.dir.resolve(kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + clients + ".txt");
	}

	/** The header (name, value) a caller with this credential sends. */
	public static String[] header(Credentials kind, String value) {
		String line = headerLine(kind, value);
		int colon = line.indexOf(':');
		return new String[] { line.substring(0, colon), line.substring(colon + 1).trim() };
	}

	static String headerLine(Credentials kind, String value) {
		return switch (kind) {
			case BEARER -> "Authorization: Bearer " + value;
			case API_KEY -> "X-API-Key: " + value;
			case DPOP -> "Authorization: DPoP " + value;
		};
	}

}
