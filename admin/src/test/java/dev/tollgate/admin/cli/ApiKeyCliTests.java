package dev.tollgate.admin.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.apikeys.ApiKeyRecord;
import dev.tollgate.apikeys.KeyStatus;
import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.transfer.KeyExport;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line against an export file (the Redis mode is covered in ApiKeyCliRedisTests). */
class ApiKeyCliTests {

	private static final Pattern KEY = Pattern.compile("key:\\s+(" + ApiKeyFormat.SCANNER_REGEX.replace("\\b", "") + ")");

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void issueWhenFileThenKeyPrintedOnceAndOnlyItsHashWritten() throws Exception {
		Path file = this.dir.resolve("keys.json");
		assertThat(run("keys", "--file", file.toString(), "issue", "--client", "billing-bot", "--scopes",
				"invoices:read invoices:write", "--owner", "payments", "--valid", "90d")).isZero();
		Matcher m = KEY.matcher(stdout());
		assertThat(m.find()).isTrue();
		String key = m.group(1);
		String saved = Files.readString(file);
		assertThat(saved).doesNotContain(key).contains(KeyHash.of(key));
		ApiKeyRecord record = KeyExport.read(saved).get(0);
		assertThat(record.clientId()).isEqualTo("billing-bot");
		assertThat(record.scopes()).containsExactlyInAnyOrder("invoices:read", "invoices:write");
		assertThat(record.keyId()).isEqualTo(ApiKeyFormat.keyIdOf(key));
	}

	@Test
	void revokeRotateAndPhaseWhenFileThenChangesPersisted() throws Exception {
		Path file = this.dir.resolve("keys.json");
		run("--file", file.toString(), "issue", "--client", "crm-agent");
		String id = KeyExport.read(Files.readString(file)).get(0).keyId();
		assertThat(run("--file", file.toString(), "phase", id, "warn", "--sunset", "2027-03-31T00:00:00Z")).isZero();
		assertThat(run("--file", file.toString(), "rotate", id, "--overlap", "1h")).isZero();
		assertThat(KeyExport.read(Files.readString(file))).hasSize(2)
			.allSatisfy(r -> assertThat(r.phase()).isEqualTo(Phase.WARN));
		assertThat(run("--file", file.toString(), "revoke", id)).isZero();
		assertThat(KeyExport.read(Files.readString(file))).filteredOn(r -> r.keyId().equals(id))
			.singleElement().extracting(ApiKeyRecord::status).isEqualTo(KeyStatus.REVOKED);
		this.out.reset();
		assertThat(run("--file", file.toString(), "list")).isZero();
		assertThat(stdout()).contains(id).contains("revoked").contains("crm-agent");
	}

	@Test
	void importWhenLegacyCsvThenHashedAndClearKeysNeverWritten() throws Exception {
		Path file = this.dir.resolve("keys.json");
		Path csv = this.dir.resolve("legacy.csv");
		Files.writeString(csv, "client_id,key,scopes\nold-bot,sk_live_very_secret_1,orders:read\n");
		assertThat(run("--file", file.toString(), "import", csv.toString())).isZero();
		assertThat(stdout()).startsWith("imported 1 keys");
		String saved = Files.readString(file);
		assertThat(saved).doesNotContain("sk_live_very_secret_1").contains(KeyHash.of("sk_live_very_secret_1"));
		assertThat(run("--file", file.toString(), "import", csv.toString())).isZero();
		assertThat(stdout()).contains("skipped");
	}

	@Test
	void reportWhenCsvThenHeaderAndRows() throws Exception {
		Path file = this.dir.resolve("keys.json");
		run("--file", file.toString(), "issue", "--client", "a-bot");
		this.out.reset();
		assertThat(run("--file", file.toString(), "report", "--format", "csv")).isZero();
		assertThat(stdout()).startsWith("client_id,owner,active_keys").contains("a-bot,,1,0.0000,0,0,,allow,,idle,");
	}

	@Test
	void runWhenUnknownKeyThenExit1WithReason() {
		assertThat(run("--file", this.dir.resolve("k.json").toString(), "revoke", "nope")).isEqualTo(1);
		assertThat(stderr()).contains("no key with id nope");
	}

	@Test
	void runWhenCommandLineWrongThenExit2WithUsage() {
		assertThat(run("list")).isEqualTo(2);
		assertThat(stderr()).contains("exactly one of --redis and --file").contains("usage: keys");
		assertThat(run("--file", "x.json", "issue")).isEqualTo(2);
		assertThat(stderr()).contains("--client is required");
		assertThat(run("--file", "x.json", "frobnicate")).isEqualTo(2);
		assertThat(run("--file", "x.json", "list", "--bogus", "1")).isEqualTo(2);
	}

	private int run(String... args) {
		return ApiKeyCli.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String stdout() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String stderr() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
