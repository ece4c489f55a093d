package dev.tollgate.admin.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;


import dev.tollgate.admin.ApiKeyAdmin;
import dev.tollgate.apikeys.ApiKeyRecord;
import dev.tollgate.apikeys.lifecycle.IssueRequest;
import dev.tollgate.apikeys.lifecycle.IssuedKey;
import dev.tollgate.apikeys.lifecycle.KeyStateException;
import dev.tollgate.apikeys.phase.Durations;
import dev.tollgate.apikeys.phase.Phase;
import dev.tollgate.apikeys.report.ReportRenderer;
import dev.tollgate.apikeys.store.KeyConflictException;
import dev.tollgate.apikeys.store.RecordJson;
import dev.tollgate.apikeys.transfer.LegacyKeyImport;

/**
 * {@code java -jar tollgate-gateway.jar keys <command> ...}: administer keys directly in the store, Redis
 * ({@code --redis redis://...}; changes reach running gateways through pub/sub) or an export file
 * ({@code --file keys.json}, created when missing, written back after a change). Exit codes: 0 done, 1 refused
 * (unknown key, wrong state, conflict, store down), 2 bad command line.
 */
public final class ApiKeyCli {

	static final String USAGE = """
			usage: keys (--redis URL [--prefix tollgate] | --file PATH) COMMAND
			  issue  --client ID [--scopes "a b"] [--routes "r1 r2"] [--owner TEAM] [--valid 90d] [--phase warn] [--notes TEXT]
			  rotate KEY_ID [--overlap 24h]
			  revoke KEY_ID
			  expire KEY_ID
			  phase  KEY_ID allow|warn|brownout|reject [--sunset 2027-03-31T00:00:00Z]
			  list
			  show   KEY_ID [--days 30]
			  import FILE          legacy keys as CSV or JSON (columns: client_id, key or sha256, key_id, owner,
			                       scopes, routes, expires, phase, sunset, notes) or a Tollgate export
			  export               print a backup of every record (hashes only)
			  report [--format table|csv|json] [--days 30]
			""";

	private static final Set<String> OPTIONS = Set.of("redis", "prefix", "file", "client", "scopes", "routes",
			"owner", "valid", "phase", "notes", "overlap", "sunset", "days", "format");

	private static final Set<String> CHANGES = Set.of("issue", "rotate", "revoke", "expire", "phase", "import");

	private ApiKeyCli() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs one command; {@code args} may start with {@code keys}. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		List<String> list = Arrays.asList(args);
		if (!list.isEmpty() && "keys".equals(list.get(0))) {
			list = list.subList(1, list.size());
		}
		CliArguments cli;
		String command;
		try {
			cli = new CliArguments(list, OPTIONS);
			command = cli.positional(0, "command");
			if ((cli.option("redis") == null) == (cli.option("file") == null)) {
				throw new CliArguments.UsageException("give exactly one of --redis and --file");
			}
		}
		catch (CliArguments.UsageException ex) {
			err.println("keys: " + ex.getMessage());
			err.print(USAGE);
			return 2;
		}
		try (CliSession session = CliSession.open(cli)) {
			int code = execute(command, cli, session, out);
			if (code == 0 && CHANGES.contains(command)) {
				session.save();
			}
			return code;
		}
		catch (CliArguments.UsageException ex) {
			err.println("keys: " + ex.getMessage());
			err.print(USAGE);
			return 2;
		}
		catch (RefusedException ex) {
			err.println("keys: " + ex.getMessage());
			return 1;
		}
		catch (IllegalArgumentException | IllegalStateException | java.time.format.DateTimeParseException ex) {
			err.println("keys: " + ex.getMessage());
			return 1;
		}
	}

	private static int execute(String command, CliArguments cli, CliSession s, PrintStream out) {
		Instant now = s.clock().instant();
		switch (command) {
			case "issue" -> printIssued(out, await(s.admin().issue(IssueRequest.forClient(required(cli, "client"))
				.owner(cli.option("owner"))
				.scopes(words(cli.option("scopes")))
				.routes(words(cli.option("routes")))
				.validity((cli.option("valid") != null) ? Durations.parse(cli.option("valid")) : null)
				.phase((cli.option("phase") != null) ? Phase.parse(cli.option("phase")) : Phase.ALLOW)
				.notes(cli.option("notes")))), now);
			case "rotate" -> printIssued(out, await(s.admin().rotate(cli.positional(1, "KEY_ID"),
					(cli.option("overlap") != null) ? Durations.parse(cli.option("overlap")) : null)), now);
			case "revoke" -> printRecord(out, await(s.admin().revoke(cli.positional(1, "KEY_ID"))), now);
			case "expire" -> printRecord(out, await(s.admin().expire(cli.positional(1, "KEY_ID"))), now);
			case "phase" -> printRecord(out, await(s.admin().phase(cli.positional(1, "KEY_ID"),
					Phase.parse(cli.positional(2, "PHASE")),
					(cli.option("sunset") != null) ? Instant.parse(cli.option("sunset")) : null)), now);
			case "list" -> printList(out, await(s.admin().list()));
			case "show" -> out.println(json(await(s.admin().show(cli.positional(1, "KEY_ID"),
					Integer.parseInt(cli.option("days", "30"))))));
			case "import" -> {
				LegacyKeyImport.Result result = await(s.admin().importKeys(read(Path.of(cli.positional(1, "FILE")))));
				out.println("imported " + result.imported().size() + " keys" + (result.imported().isEmpty() ? ""
						: ": " + String.join(" ", result.imported())));
				if (!result.skipped().isEmpty()) {
					out.println("skipped (id or hash already present): " + String.join(" ", result.skipped()));
				}
			}
			case "export" -> out.println(await(s.admin().export()));
			case "report" -> out.print(await(s.admin().report(
					ReportRenderer.Format.parse(cli.option("format", "table")),
					Integer.parseInt(cli.option("days", "30")))));
			default -> throw new CliArguments.UsageException("unknown command '" + command + "'");
		}
		return 0;
	}

	private static void printIssued(PrintStream out, IssuedKey issued, Instant now) {
		out.println("key id:  " + issued.record().keyId());
		out.println("key:     " + issued.key());
		out.println("This key is shown once and cannot be recovered; store it now.");
		printRecord(out, issued.record(), now);
	}

	private static void printRecord(PrintStream out, ApiKeyRecord record, Instant now) {
		out.println(json(ApiKeyAdmin.view(record, now)));
	}

	@SuppressWarnings("unchecked")
	private static void printList(PrintStream out, List<Map<String, Object>> keys) {
		out.printf("%-14s %-20s %-8s %-9s %-21s %s%n", "KEY ID", "CLIENT", "STATE", "PHASE", "LAST USED", "SCOPES");
		for (Map<String, Object> k : keys) {
			out.printf("%-14s %-20s %-8s %-9s %-21s %s%n", k.get("key_id"), k.get("client_id"), k.get("state"),
					k.get("phase"), (k.get("last_used") != null) ? k.get("last_used") : "never",
					String.join(" ", (List<String>) k.get("scopes")));
		}
	}

	private static String json(Object value) {
		return RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
	}

	static <T> T await(CompletionStage<T> stage) {
		try {
			return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() instanceof java.util.concurrent.CompletionException c
					&& c.getCause() != null) ? c.getCause() : ex.getCause();
			if (cause instanceof KeyStateException || cause instanceof KeyConflictException
					|| cause instanceof IllegalArgumentException) {
				throw new RefusedException(cause.getMessage());
			}
			throw new RefusedException("the key store failed: " + cause.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RefusedException("interrupted");
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new RefusedException("the key store did not answer within 30 s");
		}
	}

	private static String required(CliArguments cli, String option) {
		String value = cli.option(option);
		if (value == null || value.isBlank()) {
			throw new CliArguments.UsageException("--" + option + " is required");
		}
		return value;
	}

	private static Set<String> words(String value) {
		return (value == null || value.isBlank()) ? Set.of()
				: new LinkedHashSet<>(Arrays.asList(value.trim().split("[\\s,]+")));
	}

	static String read(Path path) {
		try {
			return Files.readString(path, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new RefusedException("cannot read " + path + ": " + ex.getClass().getSimpleName());
		}
	}

	/** An operation the store or the lifecycle refused: exit code 1. */
	static final class RefusedException extends RuntimeException {

		RefusedException(String message) {
			super(message, null, false, false);
		}

	}

}
