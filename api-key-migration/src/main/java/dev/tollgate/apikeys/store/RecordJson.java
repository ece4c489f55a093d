package dev.tollgate.apikeys.store;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.record.KeyStatus;
import dev.tollgate.apikeys.phase.Phase;

/**
 * The one JSON shape of a key record, written by the Redis store and by export files, so a backup restores into
 * either store. Field names are snake_case and stable; instants are ISO-8601 UTC strings.
 */
public final class RecordJson {

	/** Shared, thread-safe mapper. */
	public static final JsonMapper MAPPER = JsonMapper.builder().build();

	private RecordJson() {
	}

	public static ObjectNode toNode(ApiKeyRecord r) {
		ObjectNode n = MAPPER.createObjectNode();
		n.put("key_id", r.keyId());
		n.put("client_id", r.clientId());
		n.put("owner", r.owner());
		strings(n.putArray("scopes"), r.scopes());
		strings(n.putArray("routes"), r.routes());
		instant(n, "created", r.created());
		instant(n, "expires", r.expires());
		instant(n, "last_used", r.lastUsed());
		n.put("status", r.status().name().toLowerCase());
		n.put("phase", r.phase().tag());
		instant(n, "phase_since", r.phaseSince());
		instant(n, "sunset", r.sunset());
		n.put("notes", r.notes());
		n.put("sha256", r.hash());
		if (r.replacedBy() != null) {
			n.put("replaced_by", r.replacedBy());
		}
		if (!r.labels().isEmpty()) {
			ObjectNode labels = n.putObject("labels");
			new TreeMap<>(r.labels()).forEach(labels::put);
		}
		return n;
	}

	public static String write(ApiKeyRecord r) {
		return MAPPER.writeValueAsString(toNode(r));
	}

	public static ApiKeyRecord read(String json) {
		return fromNode(MAPPER.readTree(json));
	}

	/** @throws IllegalArgumentException when a required field is missing or malformed */
	public static ApiKeyRecord fromNode(JsonNode n) {
		try {
			return ApiKeyRecord.builder()
				.keyId(required(n, "key_id"))
				.clientId(required(n, "client_id"))
				.owner(text(n, "owner"))
				.scopes(set(n.get("scopes")))
				.routes(set(n.get("routes")))
				.created(Instant.parse(required(n, "created")))
				.expires(instant(n, "expires"))
				.lastUsed(instant(n, "last_used"))
				.status(KeyStatus.valueOf(required(n, "status").toUpperCase()))
				.phase(Phase.parse(required(n, "phase")))
				.phaseSince(instant(n, "phase_since"))
				.sunset(instant(n, "sunset"))
				.notes(text(n, "notes"))
				.hash(required(n, "sha256"))
				.replacedBy(text(n, "replaced_by"))
				.labels(labels(n.get("labels")))
				.build();
		}
		catch (RuntimeException ex) {
			if (ex instanceof IllegalArgumentException) {
				throw ex;
			}
			throw new IllegalArgumentException("malformed key record: " + ex.getMessage(), ex);
		}
	}

	/** A record written before labels existed has none. */
	private static Map<String, String> labels(JsonNode node) {
		if (node == null || node.isNull()) {
			return Map.of();
		}
		if (!node.isObject()) {
			throw new IllegalArgumentException("labels must be an object of strings");
		}
		Map<String, String> labels = new TreeMap<>();
		for (Map.Entry<String, JsonNode> label : node.properties()) {
			if (!label.getValue().isString()) {
				throw new IllegalArgumentException("label '" + label.getKey() + "' must be a string");
			}
			labels.put(label.getKey(), label.getValue().asString());
		}
		return labels;
	}

	private static void strings(ArrayNode array, Set<String> values) {
		new TreeSet<>(values).forEach(array::add);
	}

	private static void instant(ObjectNode n, String name, Instant value) {
		if (value != null) {
			n.put(name, value.toString());
		}
	}

	private static Instant instant(JsonNode n, String name) {
		String value = text(n, name);
		return (value == null || value.isEmpty()) ? null : Instant.parse(value);
	}

	private static String text(JsonNode n, String name) {
		JsonNode v = n.get(name);
		return (v == null || v.isNull()) ? null : v.asString();
	}

	private static String required(JsonNode n, String name) {
		String v = text(n, name);
		if (v == null || v.isBlank()) {
			throw new IllegalArgumentException("key record lacks '" + name + "'");
		}
		return v;
	}

	private static Set<String> set(JsonNode array) {
		Set<String> out = new TreeSet<>();
		if (array != null && array.isArray()) {
			array.values().forEach(v -> out.add(v.asString()));
		}
		return out;
	}

}
