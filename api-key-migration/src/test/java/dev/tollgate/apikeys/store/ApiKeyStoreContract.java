package dev.tollgate.apikeys.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.record.KeyStatus;
import dev.tollgate.apikeys.TestRecords;
import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.phase.Phase;

import static dev.tollgate.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract every {@link ApiKeyStore} meets. Each store's test only says how to build a fresh, empty store, and
 * answers {@link #hashLookupSeesLastUseAtOnce()}, the one property a cache in front of a store legitimately changes.
 * Lookups are made before changes as on the request path, so a caching store is held to seeing its own writes.
 */
public abstract class ApiKeyStoreContract {

	private ApiKeyStore store;

	/** A new, empty store. */
	protected abstract ApiKeyStore newStore();

	/**
	 * Whether a hash lookup shows a last use recorded after the previous lookup. A cache of lookups may answer with
	 * the record it looked up until a change to the key is announced or its TTL passes: last use does not affect
	 * decisions, so recording it announces nothing ({@link CachingApiKeyStore}).
	 */
	protected boolean hashLookupSeesLastUseAtOnce() {
		return true;
	}

	@BeforeEach
	void createStore() {
		this.store = newStore();
	}

	@Test
	void findByHashWhenSavedWithLabelsThenLabelsKept() {
		ApiKeyRecord record = TestRecords.key("k-labels").labels(java.util.Map.of("team", "payments", "tier", "read-only"))
			.build();
		await(this.store.save(record));

		assertThat(await(this.store.findByHash(record.hash())).orElseThrow().labels())
			.isEqualTo(java.util.Map.of("team", "payments", "tier", "read-only"));
	}

	@Test
	void findByHashWhenSavedThenSameRecord() {
		ApiKeyRecord record = TestRecords.key("k1").routes(Set.of("orders")).expires(Instant.parse("2027-01-01T00:00:00Z"))
			.phase(Phase.WARN).sunset(Instant.parse("2026-12-01T00:00:00Z")).notes("a, \"quoted\" note")
			.build();
		await(this.store.save(record));
		assertThat(await(this.store.findByHash(record.hash()))).contains(record);
		assertThat(await(this.store.findById("k1"))).contains(record);
	}

	@Test
	void findWhenAbsentThenEmpty() {
		assertThat(await(this.store.findByHash(KeyHash.of("nothing-here")))).isEmpty();
		assertThat(await(this.store.findById("nope"))).isEmpty();
	}

	@Test
	void saveWhenSameKeyIdThenReplaced() {
		ApiKeyRecord record = TestRecords.key("k1").build();
		await(this.store.save(record));
		ApiKeyRecord revoked = record.toBuilder().status(KeyStatus.REVOKED).build();
		await(this.store.save(revoked));
		assertThat(await(this.store.findByHash(record.hash()))).contains(revoked);
		assertThat(await(this.store.list())).containsExactly(revoked);
	}

	@Test
	void findByHashWhenLookedUpBeforeAChangeThenTheChangeIsSeen() {
		ApiKeyRecord record = TestRecords.key("k1").build();
		await(this.store.save(record));
		assertThat(await(this.store.findByHash(record.hash()))).contains(record);

		ApiKeyRecord revoked = record.toBuilder().status(KeyStatus.REVOKED).build();
		await(this.store.save(revoked));

		assertThat(await(this.store.findByHash(record.hash()))).contains(revoked);
	}

	@Test
	void findByHashWhenMissedBeforeSaveThenFoundAfter() {
		ApiKeyRecord record = TestRecords.key("k1").build();
		assertThat(await(this.store.findByHash(record.hash()))).isEmpty();

		await(this.store.save(record));

		assertThat(await(this.store.findByHash(record.hash()))).contains(record);
	}

	@Test
	void findByHashWhenLookedUpBeforeDeleteThenEmptyAfter() {
		ApiKeyRecord record = TestRecords.key("k1").build();
		await(this.store.save(record));
		assertThat(await(this.store.findByHash(record.hash()))).contains(record);

		await(this.store.delete("k1"));

		assertThat(await(this.store.findByHash(record.hash()))).isEmpty();
	}

	@Test
	void saveWhenHashOfKeyIdChangesThenConflict() {
		await(this.store.save(TestRecords.key("k1").build()));
		ApiKeyRecord other = TestRecords.key("k1").hash(KeyHash.of("another")).build();
		assertThatThrownBy(() -> await(this.store.save(other))).hasRootCauseInstanceOf(KeyConflictException.class);
		assertThat(await(this.store.findByHash(KeyHash.of("another")))).isEmpty();
	}

	@Test
	void saveWhenHashTakenByAnotherKeyIdThenConflict() {
		await(this.store.save(TestRecords.key("k1").build()));
		ApiKeyRecord twin = TestRecords.key("k2").hash(KeyHash.of("legacy-k1")).build();
		assertThatThrownBy(() -> await(this.store.save(twin))).hasRootCauseInstanceOf(KeyConflictException.class);
		assertThat(await(this.store.findById("k2"))).isEmpty();
	}

	@Test
	void listWhenSeveralThenAll() {
		await(this.store.save(TestRecords.key("k1").build()));
		await(this.store.save(TestRecords.key("k2").clientId("agent-b").build()));
		assertThat(await(this.store.list())).extracting(ApiKeyRecord::keyId).containsExactlyInAnyOrder("k1", "k2");
	}

	@Test
	void deleteWhenPresentThenGoneEverywhere() {
		ApiKeyRecord record = TestRecords.key("k1").build();
		await(this.store.save(record));
		assertThat(await(this.store.delete("k1"))).isTrue();
		assertThat(await(this.store.delete("k1"))).isFalse();
		assertThat(await(this.store.findByHash(record.hash()))).isEmpty();
		assertThat(await(this.store.findById("k1"))).isEmpty();
		assertThat(await(this.store.list())).isEmpty();
		await(this.store.save(TestRecords.key("k9").hash(record.hash()).build()));
		assertThat(await(this.store.findByHash(record.hash()))).map(ApiKeyRecord::keyId).contains("k9");
	}

	@Test
	void recordLastUseWhenLaterThenMovesForwardNeverBack() {
		ApiKeyRecord record = TestRecords.key("k1").build();
		await(this.store.save(record));
		// As on the request path: the key is looked up, then its use recorded.
		assertThat(await(this.store.findByHash(record.hash()))).contains(record);
		Instant t1 = Instant.parse("2026-02-01T10:00:00Z");
		await(this.store.recordLastUse(Map.of("k1", t1)));
		await(this.store.recordLastUse(Map.of("k1", t1.minusSeconds(60))));
		assertThat(await(this.store.findById("k1"))).map(ApiKeyRecord::lastUsed).contains(t1);
		Optional<ApiKeyRecord> byHash = await(this.store.findByHash(record.hash()));
		if (hashLookupSeesLastUseAtOnce()) {
			assertThat(byHash).map(ApiKeyRecord::lastUsed).contains(t1);
		}
		else {
			// The lookup made before, or a fresh one: never the earlier use written after it, never another record.
			assertThat(byHash).get().isIn(record, record.withLastUsed(t1));
		}
	}

	@Test
	void recordLastUseWhenUnknownKeyThenIgnoredAndNothingCreated() {
		await(this.store.recordLastUse(Map.of("ghost", Instant.parse("2026-02-01T10:00:00Z"))));
		assertThat(await(this.store.findById("ghost"))).isEmpty();
		assertThat(await(this.store.list())).isEmpty();
	}

	@Test
	void saveWhenAdminWritesOlderSnapshotThenLastUseKept() {
		ApiKeyRecord record = TestRecords.key("k1").build();
		await(this.store.save(record));
		assertThat(await(this.store.findByHash(record.hash()))).contains(record);
		Instant used = Instant.parse("2026-02-01T10:00:00Z");
		await(this.store.recordLastUse(Map.of("k1", used)));
		await(this.store.save(record.toBuilder().status(KeyStatus.REVOKED).build()));
		Optional<ApiKeyRecord> found = await(this.store.findById("k1"));
		assertThat(found).map(ApiKeyRecord::lastUsed).contains(used);
		assertThat(found).map(ApiKeyRecord::status).contains(KeyStatus.REVOKED);
		// The write is a change, so even a cached hash lookup now shows the last use kept by it.
		Optional<ApiKeyRecord> byHash = await(this.store.findByHash(record.hash()));
		assertThat(byHash).map(ApiKeyRecord::lastUsed).contains(used);
		assertThat(byHash).map(ApiKeyRecord::status).contains(KeyStatus.REVOKED);
	}

}
