package dev.tollgate.apikeys.transfer;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.TestRecords;
import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.store.InMemoryApiKeyStore;

import static dev.tollgate.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LegacyKeyImportTest {

	private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

	private final LegacyKeyImport importer = new LegacyKeyImport(new ApiKeyFormat());

	@Test
	void parseWhenCsvWithClearKeysAndHashesThenHashedRecords() {
		String sha = KeyHash.of("already-hashed-key");
		String csv = """
				client_id,key,sha256,owner,scopes,routes,phase,sunset,notes
				billing-bot,sk_live_0123456789,,payments,"invoices:read invoices:write",invoices,warn,2026-06-30T00:00:00Z,"from vault, 2019"
				crm-agent,,%s,sales,orders:read,,,,
				""".formatted(sha.toUpperCase());
		List<ApiKeyRecord> records = this.importer.parse(csv, NOW);
		assertThat(records).hasSize(2);
		ApiKeyRecord billing = records.get(0);
		assertThat(billing.hash()).isEqualTo(KeyHash.of("sk_live_0123456789"));
		assertThat(billing.scopes()).containsExactlyInAnyOrder("invoices:read", "invoices:write");
		assertThat(billing.routes()).containsExactly("invoices");
		assertThat(billing.phase()).isEqualTo(Phase.WARN);
		assertThat(billing.sunset()).isEqualTo(Instant.parse("2026-06-30T00:00:00Z"));
		assertThat(billing.notes()).isEqualTo("from vault, 2019");
		assertThat(billing.created()).isEqualTo(NOW);
		assertThat(ApiKeyFormat.isKeyId(billing.keyId())).isTrue();
		assertThat(records.get(1).hash()).isEqualTo(sha);
		assertThat(records.get(1).notes()).isEqualTo("imported legacy key");
	}

	@Test
	void parseWhenKeyCouldNeverAuthenticateThenRefusedNamingTheEntryNotTheKey() {
		for (String key : List.of("short", "tg_7Hq2mZkP0aLx_badchecksum", "has space inside key")) {
			String csv = "client_id,key\nfirst,legacy-fine-1\nsecond," + key + "\n";
			assertThatIllegalArgumentException().isThrownBy(() -> this.importer.parse(csv, NOW))
				.withMessageStartingWith("entry 2: key can never authenticate")
				.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(key));
		}
	}

	@Test
	void parseWhenJsonArrayThenSameFields() {
		List<ApiKeyRecord> records = this.importer.parse("""
				[{"client_id":"bot","key":"legacy-secret-1","scopes":["a","b"],"key_id":"bot-key-1"}]
				""", NOW);
		assertThat(records).singleElement().satisfies(r -> {
			assertThat(r.keyId()).isEqualTo("bot-key-1");
			assertThat(r.scopes()).containsExactlyInAnyOrder("a", "b");
			assertThat(r.hash()).isEqualTo(KeyHash.of("legacy-secret-1"));
		});
	}

	@Test
	void parseWhenEntryInvalidThenErrorNamesEntryButNeverTheKey() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.importer.parse("client_id,key,sha256\nbot,super-secret-value," + "0".repeat(64), NOW))
			.withMessage("entry 1: give exactly one of key and sha256")
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("super-secret-value"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.importer.parse("client_id,key,expires\nbot,super-secret-value,tomorrow", NOW))
			.withMessage("entry 1: malformed date");
		assertThatIllegalArgumentException().isThrownBy(() -> this.importer.parse("key\nsuper-secret-value", NOW))
			.withMessage("entry 1: client_id is required");
	}

	@Test
	void importIntoWhenHashOrIdExistsThenSkippedNotOverwritten() {
		InMemoryApiKeyStore store = new InMemoryApiKeyStore();
		await(store.save(TestRecords.key("k1").build()));
		List<ApiKeyRecord> records = this.importer.parse("""
				client_id,key,key_id
				bot,legacy-k1,k2
				bot,new-legacy-key,k3
				bot,other-legacy-key,k1
				""", NOW);
		LegacyKeyImport.Result result = await(LegacyKeyImport.importInto(store, records));
		assertThat(result.imported()).containsExactly("k3");
		assertThat(result.skipped()).containsExactly("k2", "k1");
		assertThat(await(store.findById("k1")).orElseThrow().clientId()).isEqualTo("agent-a");
	}

	@Test
	void exportWhenReadBackThenSameRecordsAndImportAcceptsIt() {
		List<ApiKeyRecord> records = List.of(TestRecords.key("k1").lastUsed(NOW).build(),
				TestRecords.key("k2").phase(Phase.BROWNOUT).sunset(NOW).build());
		String json = KeyExport.write(records, NOW);
		assertThat(json).doesNotContain("legacy-k1");
		assertThat(KeyExport.read(json)).containsExactlyElementsOf(records);
		assertThat(this.importer.parse(json, NOW)).containsExactlyElementsOf(records);
	}

	@Test
	void readWhenNotAnExportThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> KeyExport.read("{\"keys\":[]}"))
			.withMessageContaining("tollgate-api-keys");
	}

}
