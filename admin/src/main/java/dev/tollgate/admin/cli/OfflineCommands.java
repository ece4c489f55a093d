package dev.tollgate.admin.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tollgate.apikeys.record.ApiKeyRecord;
import dev.tollgate.apikeys.format.ApiKeyFormat;
import dev.tollgate.apikeys.format.PresentedKey;
import dev.tollgate.apikeys.transfer.LegacyKeyImport;

/**
 * {@code check} and {@code validate}: format checks that need no store, no network and no Spring, so they run
 * anywhere the jar does (a CI step checking an import file, an operator checking a key a caller pasted).
 */
final class OfflineCommands {

	private OfflineCommands() {
	}

	static int execute(String command, CliArguments cli, ApiKeyCli.Output output, PrintStream out) {
		return switch (command) {
			case "check" -> check(presented(cli.positional(1, "KEY")), output, out);
			case "validate" -> validate(ApiKeyCli.read(Path.of(cli.positional(1, "FILE"))), output, out);
			default -> throw new CliArguments.UsageException("unknown command '" + command + "'");
		};
	}

	/** Exit 0 for a Tollgate or legacy key, 1 for a malformed one; never prints the key itself. */
	private static int check(String presented, ApiKeyCli.Output output, PrintStream out) {
		PresentedKey key = ApiKeyFormat.inspect(presented);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("kind", key.kind().name().toLowerCase(java.util.Locale.ROOT));
		answer.put("well_formed", key.kind() != PresentedKey.Kind.MALFORMED);
		answer.put("key_id", key.keyId());
		answer.put("sha256", key.hash());
		if (output == ApiKeyCli.Output.JSON) {
			out.println(ApiKeyCli.json(answer));
		}
		else {
			out.println(switch (key.kind()) {
				case TOLLGATE -> "tollgate key, checksum valid; key id " + key.keyId() + "; sha256 " + key.hash();
				case LEGACY -> "legacy key (not a Tollgate key; importable by hash); sha256 " + key.hash();
				case MALFORMED -> "malformed: neither a Tollgate key with a valid checksum nor a legacy key of "
						+ "visible ASCII characters of acceptable length";
			});
		}
		return (key.kind() == PresentedKey.Kind.MALFORMED) ? 1 : 0;
	}

	/** Parses as {@code import} would (same rules, same errors) and lists the records it would create. */
	private static int validate(String content, ApiKeyCli.Output output, PrintStream out) {
		List<ApiKeyRecord> records = new LegacyKeyImport(new ApiKeyFormat()).parse(content,
				Clock.systemUTC().instant());
		List<Map<String, Object>> keys = new ArrayList<>();
		for (ApiKeyRecord r : records) {
			Map<String, Object> k = new LinkedHashMap<>();
			k.put("key_id", r.keyId());
			k.put("client_id", r.clientId());
			k.put("phase", r.phase().tag());
			k.put("scopes", new ArrayList<>(new java.util.TreeSet<>(r.scopes())));
			keys.add(k);
		}
		if (output == ApiKeyCli.Output.JSON) {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("valid", true);
			answer.put("records", keys.size());
			answer.put("keys", keys);
			out.println(ApiKeyCli.json(answer));
		}
		else {
			out.println("valid: " + keys.size() + " keys would be imported");
			keys.forEach(k -> out.printf("  %-14s %-20s %s%n", k.get("key_id"), k.get("client_id"), k.get("phase")));
		}
		return 0;
	}

	/** The key from the command line, or from stdin for {@code -} (keeps it out of shell history). */
	private static String presented(String argument) {
		if (!"-".equals(argument)) {
			return argument;
		}
		try {
			String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			return (line != null) ? line.strip() : "";
		}
		catch (IOException ex) {
			throw new ApiKeyCli.RefusedException("cannot read the key from stdin");
		}
	}

}
