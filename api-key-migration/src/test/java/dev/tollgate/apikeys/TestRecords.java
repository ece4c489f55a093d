package dev.tollgate.apikeys;

import java.time.Instant;
import java.util.Set;

import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.record.ApiKeyRecord;

/** Record fixtures: each test changes one field of a valid default. */
public final class TestRecords {

	public static final Instant CREATED = Instant.parse("2026-01-05T09:00:00Z");

	private TestRecords() {
	}

	/** An active key {@code id} of client {@code agent-a} whose key is {@code "legacy-" + id}. */
	public static ApiKeyRecord.Builder key(String id) {
		return ApiKeyRecord.builder()
			.keyId(id)
			.clientId("agent-a")
			.owner("team-a")
			.scopes(Set.of("orders:read", "orders:write"))
			.created(CREATED)
			.hash(KeyHash.of("legacy-" + id));
	}

}
