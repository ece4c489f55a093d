package dev.tollgate.apikeys.transfer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.store.RecordJson;

/**
 * Backup format of a key store: hashes and metadata only (no key can be recovered from it, but treat it as
 * sensitive: it lists who holds which scopes).
 *
 * <pre>{"format":"tollgate-api-keys","version":1,"exported_at":"...","keys":[{...}, ...]}</pre>
 */
public final class KeyExport {

	static final String FORMAT = "tollgate-api-keys";

	private KeyExport() {
	}

	public static String write(List<ApiKeyRecord> records, Instant exportedAt) {
		ObjectNode root = RecordJson.MAPPER.createObjectNode();
		root.put("format", FORMAT);
		root.put("version", 1);
		root.put("exported_at", exportedAt.toString());
		ArrayNode keys = root.putArray("keys");
		records.stream().sorted(Comparator.comparing(ApiKeyRecord::keyId)).forEach(r -> keys.add(RecordJson.toNode(r)));
		return RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
	}

	/** True when {@code root} is a document written by {@link #write}. */
	public static boolean isExport(JsonNode root) {
		return root.isObject() && root.get("format") != null && FORMAT.equals(root.get("format").asString());
	}

	/** @throws IllegalArgumentException when the document is not an export or a record is malformed */
	public static List<ApiKeyRecord> read(String json) {
		JsonNode root = RecordJson.MAPPER.readTree(json);
		if (!isExport(root)) {
			throw new IllegalArgumentException("not a Tollgate key export (format \"" + FORMAT + "\")");
		}
		List<ApiKeyRecord> out = new ArrayList<>();
		JsonNode keys = root.get("keys");
		if (keys != null && keys.isArray()) {
			keys.values().forEach(n -> out.add(RecordJson.fromNode(n)));
		}
		return out;
	}

}
