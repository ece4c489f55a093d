package dev.tollgate.apikeys.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.record.KeyStatus;
import dev.tollgate.apikeys.TestRecords;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.store.InMemoryApiKeyStore;
import dev.tollgate.apikeys.usage.InMemoryUsageStore;
import dev.tollgate.apikeys.usage.UsageCell;
import dev.tollgate.testkit.MutableClock;

import static dev.tollgate.testkit.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The sample data behind the report shown in docs/api-key-migration.md. */
class MigrationReportTest {

	private static final Instant NOW = Instant.parse("2026-03-31T12:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	private final InMemoryApiKeyStore keys = new InMemoryApiKeyStore();

	private final InMemoryUsageStore usage = new InMemoryUsageStore();

	private final MigrationReportBuilder builder = new MigrationReportBuilder(this.keys, this.usage, this.clock);

	@BeforeEach
	void sampleData() {
		// billing-bot: still mostly on its key, in warn with a sunset.
		save(TestRecords.key("Kb1llingB0t1").clientId("billing-bot").owner("payments-team")
			.phase(Phase.WARN).sunset(Instant.parse("2026-06-30T00:00:00Z")).lastUsed(NOW.minusSeconds(600)));
		calls("billing-bot", "Kb1llingB0t1", "invoices", 9_120, 880);
		// crm-agent: half migrated, one key in brownout.
		save(TestRecords.key("Kcrm0agent01").clientId("crm-agent").owner("sales-eng")
			.phase(Phase.BROWNOUT).sunset(Instant.parse("2026-04-30T00:00:00Z"))
			.lastUsed(Instant.parse("2026-03-30T17:42:00Z")));
		calls("crm-agent", "Kcrm0agent01", "orders", 2_400, 2_600);
		// search-agent: fully on OAuth, its key unused for 45 days: it can go.
		save(TestRecords.key("Ksearch0ld01").clientId("search-agent").owner("search-team")
			.phase(Phase.WARN).lastUsed(NOW.minus(Duration.ofDays(45))));
		calls("search-agent", null, "search", 0, 15_500);
		// reports-cron: a rotated pair, the old one expired, nobody called this month.
		save(TestRecords.key("Kreports0old").clientId("reports-cron").owner("data-team")
			.expires(Instant.parse("2026-02-01T00:00:00Z")).lastUsed(Instant.parse("2026-01-31T23:00:00Z")));
		save(TestRecords.key("Kreports0new").clientId("reports-cron").owner("data-team")
			.status(KeyStatus.ACTIVE).lastUsed(Instant.parse("2026-02-27T03:00:00Z")));
	}

	@Test
	void buildWhenSampleDataThenRowsSortedByKeyShareWithKeysThatCanGo() {
		MigrationReport report = await(this.builder.build(30));
		assertThat(report.clients()).extracting(ClientRow::clientId)
			.containsExactly("billing-bot", "crm-agent", "reports-cron", "search-agent");
		ClientRow search = report.clients().get(3);
		assertThat(search.status()).isEqualTo("migrated");
		assertThat(search.keysThatCanGo()).containsExactly("Ksearch0ld01");
		ClientRow billing = report.clients().get(0);
		assertThat(billing.keyShare()).isEqualTo(9_120.0 / 10_000);
		assertThat(billing.keysThatCanGo()).isEmpty();
		ClientRow reports = report.clients().get(2);
		assertThat(reports.status()).isEqualTo("idle");
		assertThat(reports.activeKeys()).isEqualTo(1);
		assertThat(reports.keysThatCanGo()).isEmpty();
	}

	@Test
	void renderWhenTableThenAlignedColumns() {
		String table = ReportRenderer.table(await(this.builder.build(30)));
		assertThat(table).isEqualTo("""
				API-key migration report, 30 days to 2026-03-31T12:00:00Z
				CLIENT        OWNER          KEYS  KEY SHARE  KEY CALLS  OAUTH CALLS  LAST KEY USE  PHASE     SUNSET      STATUS     CAN GO
				billing-bot   payments-team  1     91.2%      9120       880          2026-03-31    warn      2026-06-30  migrating  -
				crm-agent     sales-eng      1     48.0%      2400       2600         2026-03-30    brownout  2026-04-30  migrating  -
				reports-cron  data-team      1     0.0%       0          0            2026-02-27    allow     -           idle       -
				search-agent  search-team    1     0.0%       0          15500        2026-02-14    warn      -           migrated   Ksearch0ld01
				""");
	}

	@Test
	void renderWhenCsvThenHeaderAndOneLinePerClient() {
		String csv = ReportRenderer.csv(await(this.builder.build(30)));
		assertThat(csv.split("\r\n")).hasSize(5);
		assertThat(csv).startsWith("client_id,owner,active_keys,key_share,key_calls,oauth_calls,last_key_use,phase,"
				+ "sunset,status,keys_that_can_go\r\nbilling-bot,payments-team,1,0.9120,9120,880,2026-03-31T11:50:00Z,"
				+ "warn,2026-06-30T00:00:00Z,migrating,\r\n");
	}

	@Test
	void renderWhenJsonThenMachineReadable() {
		String json = ReportRenderer.json(await(this.builder.build(30)));
		assertThat(json).contains("\"client_id\" : \"search-agent\"").contains("\"keys_that_can_go\" : [ \"Ksearch0ld01\" ]")
			.contains("\"key_share\" : 0.912");
	}

	private void save(ApiKeyRecord.Builder record) {
		await(this.keys.save(record.build()));
	}

	private void calls(String clientId, String keyId, String route, long keyCalls, long oauthCalls) {
		Map<UsageCell, Long> counts = new HashMap<>();
		LocalDate day = LocalDate.parse("2026-03-20");
		if (keyCalls > 0) {
			counts.put(new UsageCell(UsageCell.CallKind.API_KEY, clientId, keyId, route, day), keyCalls);
		}
		if (oauthCalls > 0) {
			counts.put(new UsageCell(UsageCell.CallKind.OAUTH, clientId, null, route, day), oauthCalls);
		}
		await(this.usage.add(counts));
	}

}
