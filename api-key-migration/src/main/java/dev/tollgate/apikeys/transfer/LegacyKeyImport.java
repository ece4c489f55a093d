package dev.tollgate.apikeys.transfer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.format.PresentedKey;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.store.ApiKeyStore;
import dev.tollgate.apikeys.store.RecordJson;

/**
 * Reads a list of existing (legacy) keys, CSV with a header row or a JSON array of objects, with these columns:
 * <ul>
 * <li>{@code client_id} (required): the OAuth client the key maps to;</li>
 * <li>{@code key} or {@code sha256} (one required): the key in clear, hashed at once and dropped, or its
 * lower-case hex SHA-256;</li>
 * <li>optional {@code key_id} (else generated), {@code owner}, {@code scopes} and {@code routes} (space-separated),
 * {@code expires} and {@code sunset} (ISO-8601 instants), {@code phase}, {@code notes}.</li>
 * </ul>
 * A Tollgate export document ({@link KeyExport}) is accepted as well. Errors name the entry number, never a key.
 */
public final class LegacyKeyImport {

	private final ApiKeyFormat format;

	public LegacyKeyImport(ApiKeyFormat format) {
		this.format = format;
	}

	/** Parses {@code text}: JSON when it starts with {@code [} or <code>{</code>, else CSV. */
	public List<ApiKeyRecord> parse(String text, Instant now) {
		String trimmed = text.strip();
		if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
			return parseJson(trimmed, now);
		}
		return parseCsv(trimmed, now);
	}

	/** Saves every record; entries whose key id or hash is already taken are reported, not overwritten. */
	public static CompletionStage<Result> importInto(ApiKeyStore store, List<ApiKeyRecord> records) {
		List<String> imported = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
		for (ApiKeyRecord record : records) {
			chain = chain.thenCompose(v -> store.findById(record.keyId()))
				.thenCompose(existing -> existing.isPresent()
						? CompletableFuture.<Void>failedFuture(new IllegalStateException("key id exists"))
						: store.save(record))
				.handle((v, ex) -> {
					if (ex == null) {
						imported.add(record.keyId());
					}
					else {
						skipped.add(record.keyId());
					}
					return null;
				});
		}
		return chain.thenApply(v -> new Result(List.copyOf(imported), List.copyOf(skipped)));
	}

	/**
	 * @param imported key ids saved
	 * @param skipped key ids not saved because the id or the hash already exists
	 */
	public record Result(List<String> imported, List<String> skipped) {
	}

	private List<ApiKeyRecord> parseJson(String json, Instant now) {
		JsonNode root;
		try {
			root = RecordJson.MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("the import file is not valid JSON");
		}
		if (KeyExport.isExport(root)) {
			return KeyExport.read(json);
		}
		JsonNode entries = root.isArray() ? root : root.get("keys");
		if (entries == null || !entries.isArray()) {
			throw new IllegalArgumentException("expected a JSON array of key entries");
		}
		List<ApiKeyRecord> out = new ArrayList<>();
		int n = 0;
		for (JsonNode entry : entries.values()) {
			n++;
			Map<String, String> fields = new HashMap<>();
			for (Map.Entry<String, JsonNode> p : entry.properties()) {
				JsonNode v = p.getValue();
				fields.put(p.getKey(), v.isArray() ? String.join(" ", v.values().stream().map(JsonNode::asString)
					.toList()) : v.isNull() ? null : v.asString());
			}
			out.add(toRecord(fields, n, now));
		}
		return out;
	}

	private List<ApiKeyRecord> parseCsv(String csv, Instant now) {
		List<List<String>> rows = Csv.parse(csv);
		if (rows.isEmpty()) {
			return List.of();
		}
		List<String> header = rows.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
		List<ApiKeyRecord> out = new ArrayList<>();
		for (int i = 1; i < rows.size(); i++) {
			List<String> row = rows.get(i);
			Map<String, String> fields = new HashMap<>();
			for (int c = 0; c < header.size() && c < row.size(); c++) {
				fields.put(header.get(c), row.get(c).trim());
			}
			out.add(toRecord(fields, i, now));
		}
		return out;
	}

	private ApiKeyRecord toRecord(Map<String, String> f, int entry, Instant now) {
		try {
			String clientId = blankToNull(f.get("client_id"));
			if (clientId == null) {
				throw new IllegalArgumentException("client_id is required");
			}
			String key = blankToNull(f.get("key"));
			String hash = blankToNull(f.get("sha256"));
			if ((key == null) == (hash == null)) {
				throw new IllegalArgumentException("give exactly one of key and sha256");
			}
			if (key != null && ApiKeyFormat.inspect(key).kind() == PresentedKey.Kind.MALFORMED) {
				// The gateway refuses such a string before any lookup, so the key could never authenticate.
				throw new IllegalArgumentException("key can never authenticate: it must be 8 to 1024 visible ASCII "
						+ "characters, and a tg_ key must have a valid checksum");
			}
			if (hash != null && !KeyHash.isValid(hash.toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("sha256 must be 64 hex digits");
			}
			String keyHash = (key != null) ? KeyHash.of(key) : hash.toLowerCase(Locale.ROOT);
			String keyId = blankToNull(f.get("key_id"));
			if (keyId == null && key != null && ApiKeyFormat.wellFormed(key)) {
				keyId = ApiKeyFormat.keyIdOf(key);
			}
			String phase = blankToNull(f.get("phase"));
			return ApiKeyRecord.builder()
				.keyId((keyId != null) ? keyId : this.format.newKeyId())
				.clientId(clientId)
				.owner(f.get("owner"))
				.scopes(words(f.get("scopes")))
				.routes(words(f.get("routes")))
				.created(now)
				.expires(instant(f.get("expires")))
				.phase((phase != null) ? Phase.parse(phase) : Phase.ALLOW)
				.phaseSince(now)
				.sunset(instant(f.get("sunset")))
				.notes(appendLegacy(f.get("notes")))
				.hash(keyHash)
				.build();
		}
		catch (RuntimeException ex) {
			// Never echo the entry: it may hold a key in clear.
			throw new IllegalArgumentException("entry " + entry + ": " + safeMessage(ex));
		}
	}

	private static String safeMessage(RuntimeException ex) {
		return (ex instanceof java.time.format.DateTimeParseException) ? "malformed date" : ex.getMessage();
	}

	private static String appendLegacy(String notes) {
		String n = blankToNull(notes);
		return (n == null) ? "imported legacy key" : n;
	}

	private static Set<String> words(String value) {
		String v = blankToNull(value);
		return (v == null) ? Set.of() : new LinkedHashSet<>(Arrays.asList(v.trim().split("[\\s,]+")));
	}

	private static Instant instant(String value) {
		String v = blankToNull(value);
		return (v == null) ? null : Instant.parse(v);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
