package dev.tollgate.admin.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.record.KeyStatus;
import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.format.KeyHash;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.transfer.KeyExport;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line against an export file (the Redis mode is covered in ApiKeyCliRedisTests). */
class ApiKeyCliTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
	};

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

	@Test
	void helpWhenEveryCommandThenItsUsageOnStdoutNothingOnStderrAndExit0() {
		for (String command : CliHelp.COMMANDS.keySet()) {
			this.out.reset();
			assertThat(run("keys", command, "--help")).as(command).isZero();
			assertThat(stdout()).as(command).startsWith("usage: keys ").contains(" " + command);
			this.out.reset();
			assertThat(run("keys", "help", command)).as(command).isZero();
			assertThat(stdout()).as(command).startsWith("usage: keys ").contains(" " + command);
		}
		assertThat(stderr()).isEmpty();
	}

	@Test
	void helpWhenNoCommandThenEveryCommandListedAndExit0() {
		assertThat(run("keys", "--help")).isZero();
		assertThat(stdout()).startsWith("usage: keys");
		CliHelp.COMMANDS.keySet().forEach(command -> assertThat(stdout()).contains("  " + command + " "));
	}

	@Test
	void outputJsonWhenIssueListShowThenEachAnswerIsOneJsonDocument() throws Exception {
		String file = this.dir.resolve("keys.json").toString();
		assertThat(run("--file", file, "--output", "json", "issue", "--client", "json-bot", "--scopes", "a:read"))
			.isZero();
		Map<String, Object> issued = JSON.readValue(stdout(), MAP);
		assertThat(issued.get("key").toString()).matches(ApiKeyFormat.SCANNER_REGEX.replace("\\b", ""));
		assertThat(issued).containsEntry("client_id", "json-bot").containsEntry("scopes", List.of("a:read"));
		String keyId = (String) issued.get("key_id");

		this.out.reset();
		assertThat(run("--file", file, "--output", "json", "list")).isZero();
		List<Map<String, Object>> keys = JSON.readValue(stdout(), LIST);
		assertThat(keys).singleElement().satisfies(k -> assertThat(k).containsEntry("key_id", keyId)
			.containsEntry("state", "active")
			.doesNotContainKey("key"));

		this.out.reset();
		assertThat(run("--file", file, "--output", "json", "show", keyId)).isZero();
		assertThat(JSON.readValue(stdout(), MAP)).containsEntry("key_id", keyId).containsKey("calls");

		this.out.reset();
		assertThat(run("--file", file, "--output", "json", "report")).isZero();
		assertThat(JSON.readTree(stdout()).isObject()).isTrue();
		assertThat(stderr()).isEmpty();
	}

	@Test
	void outputWhenNeitherTextNorJsonThenExit2() {
		assertThat(run("--file", "x.json", "--output", "yaml", "list")).isEqualTo(2);
		assertThat(stderr()).contains("--output is text or json");
	}

	@Test
	void checkWhenWellFormedKeyThenKeyIdAndHashWithoutAnyStore() throws Exception {
		String key = new ApiKeyFormat().newKey("Ab3dEf6hIj9L");
		assertThat(run("keys", "--output", "json", "check", key)).isZero();
		Map<String, Object> answer = JSON.readValue(stdout(), MAP);
		assertThat(answer).containsEntry("kind", "tollgate")
			.containsEntry("well_formed", true)
			.containsEntry("key_id", "Ab3dEf6hIj9L")
			.containsEntry("sha256", KeyHash.of(key));
		assertThat(stdout()).doesNotContain(key);
	}

	@Test
	void checkWhenChecksumWrongThenMalformedAndExit1() {
		String key = new ApiKeyFormat().newKey("Ab3dEf6hIj9L");
		String tampered = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");
		assertThat(run("keys", "check", tampered)).isEqualTo(1);
		assertThat(stdout()).startsWith("malformed");
	}

	@Test
	void validateWhenLegacyCsvThenRecordsListedAndNothingWritten() throws Exception {
		Path csv = this.dir.resolve("legacy.csv");
		Files.writeString(csv, "client_id,key,scopes,phase\nold-bot,sk_live_very_secret_1,orders:read,warn\n");
		assertThat(run("keys", "--output", "json", "validate", csv.toString())).isZero();
		Map<String, Object> answer = JSON.readValue(stdout(), MAP);
		assertThat(answer).containsEntry("valid", true).containsEntry("records", 1);
		assertThat(stdout()).contains("old-bot").contains("warn").doesNotContain("sk_live_very_secret_1");
		try (var files = Files.list(this.dir)) {
			assertThat(files).containsExactly(csv);
		}
	}

	@Test
	void validateWhenFileMalformedThenExit1WithReason() throws Exception {
		Path csv = this.dir.resolve("bad.csv");
		Files.writeString(csv, "owner,scopes\npayments,a:read\n");
		assertThat(run("keys", "validate", csv.toString())).isEqualTo(1);
		assertThat(stderr()).startsWith("keys: ");
		assertThat(stdout()).isEmpty();
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
